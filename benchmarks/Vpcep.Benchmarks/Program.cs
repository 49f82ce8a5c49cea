using Vpcep.Benchmarks;

return await BenchmarkRunner.RunAsync(args).ConfigureAwait(false);
