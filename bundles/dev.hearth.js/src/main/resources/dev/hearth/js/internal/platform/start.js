// The platform is installed; what it answers starts one run: the run's environment, its clock, then
// its main module. The host then runs the timers until none is left, then asks the returned function
// for process.exitCode, as node exits with it when nothing is left to do.
return (envJson, main) => {
  process.env = JSON.parse(envJson);
  process.argv[1] = '/' + main;
  started = Date.now();
  performance.timeOrigin = started;
  const mainPath = normalize(main);
  const text = mainPath === null ? null : hostCall.readModule(mainPath);
  if (text === null) throw new Error("Cannot find module '" + main + "'");
  mainModule = { id: '.', filename: '/' + mainPath };
  load(mainPath, text);
  return () => process.exitCode | 0;
};
