// Runs the main module; the host then runs the timers until none is left, then asks the returned
// function for process.exitCode, as node exits with it when nothing is left to do.
const mainPath = normalize(main);
if (mainPath === null || hostCall.readModule(mainPath) === null) throw new Error("Cannot find module '" + main + "'");
mainModule = { id: '.', filename: '/' + mainPath };
load(mainPath);
return () => process.exitCode | 0;
