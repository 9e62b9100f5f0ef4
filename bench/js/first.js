// The first statement says it runs: the time to reach it is the start-up cost of a run.
console.log('{"type":"info","message":"first statement"}');
