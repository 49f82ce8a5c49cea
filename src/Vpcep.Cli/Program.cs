using Vpcep.Cli;

return await VpcepCli.RunAsync(args, CliConsole.System());
