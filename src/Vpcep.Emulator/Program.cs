using Vpcep.Emulator;

EmulatorApp.Build(args).Run();
