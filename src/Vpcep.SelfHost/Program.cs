using Vpcep.SelfHost;

WebApplication app = SelfHostApp.Build(args);
app.Run();
