using Vpcep.OpenApi;

// Writes the OpenAPI document the self-host serves to the given file (docs/openapi.json by default): ./build.sh openapi.
string path = args.Length > 0 ? args[0] : ServedOpenApi.CommittedPath;
string document = ServedOpenApi.Format(await ServedOpenApi.ReadAsync());
await File.WriteAllTextAsync(path, document);
Console.WriteLine($"Wrote the OpenAPI document the self-host serves to {path} ({document.Length} characters).");
