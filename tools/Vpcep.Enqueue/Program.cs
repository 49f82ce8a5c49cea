using Vpcep.Enqueue;

return await EnqueueCommand.RunAsync(args, Console.In, Console.Out, Console.Error);
