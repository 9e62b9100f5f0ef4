// Runs the main module; the host then runs the timers until none is left.
const mainPath = normalize(main);
if (mainPath === null || hostCall.readModule(mainPath) === null) throw new Error("Cannot find module '" + main + "'");
mainModule = { id: '.', filename: '/' + mainPath };
load(mainPath);
