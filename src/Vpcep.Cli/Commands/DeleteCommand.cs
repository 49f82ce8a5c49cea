using System.CommandLine;
using Vpcep.Cli.Api;
using Vpcep.Cli.Rendering;

namespace Vpcep.Cli.Commands;

/// <summary>
/// <c>vpcep delete ID [--cancel] [--wait]</c> and <c>vpcep delete --batch BATCH_ID [--cancel]</c>: deprovisions the
/// endpoint of a request (<c>DELETE /api/vpc-endpoints/{id}</c>) or of every item of a batch (<c>DELETE /api/batches/{id}</c>).
/// </summary>
internal static class DeleteCommand
{
    public static Command Create(GlobalOptions options, CliConsole console)
    {
        var id = new Argument<string?>("ID") { Description = "The request whose endpoint is deleted", Arity = ArgumentArity.ZeroOrOne };
        var batch = new Option<string?>("--batch") { Description = "Delete the endpoints of every item of this batch instead", HelpName = "BATCH_ID" };
        var cancel = new Option<bool>("--cancel") { Description = "Stop a request still provisioning first (without it, such a request is refused: 409, or state still_provisioning in a batch)" };
        var wait = new Option<bool>("--wait") { Description = "Follow the deprovisioning until it ends; exit by its result (not with --batch)" };
        var command = new Command("delete", "Deprovision a request's endpoint, or a batch's") { id, batch, cancel, wait };
        command.Validators.Add(result =>
        {
            Targets.RequireOne(result, id, batch);
            if (result.GetResult(batch) is not null && result.GetValue(wait))
            {
                result.AddError("'delete --batch' starts one deprovisioning per item and does not wait; follow each item's status URL, or use 'delete ID --wait'.");
            }
        });
        command.SetAction((parse, cancellationToken) => Invocation.RunAsync(
            parse,
            options,
            console,
            (run, token) => parse.GetValue(batch) is { } batchId
                ? BatchAsync(run, batchId, parse.GetValue(cancel), token)
                : RequestAsync(run, parse.GetValue(id)!, parse.GetValue(cancel), parse.GetValue(wait), token),
            cancellationToken));
        return command;
    }

    private static async Task<ExitCode> RequestAsync(Invocation run, string instanceId, bool cancel, bool wait, CancellationToken cancellationToken)
    {
        ApiAnswer<AcceptedDeprovision> accepted = await run.Api.DeleteRequestAsync(instanceId, cancel, cancellationToken);
        if (run.Json)
        {
            run.WriteJson(accepted.Json);
        }
        else
        {
            await run.Console.Out.WriteLineAsync(
                $"{(accepted.Document.Existing ? "found existing" : "started")} deprovisioning {accepted.Document.DeprovisionInstanceId} of request {accepted.Document.InstanceId} (endpoint {accepted.Document.EndpointId ?? "-"})");
            await run.Console.Out.WriteLineAsync($"status: {accepted.Document.StatusUrl}");
        }

        if (!wait)
        {
            return ExitCode.Success;
        }

        while (true)
        {
            ApiAnswer<DeprovisionStatus> status = await run.Api.GetDeprovisionAtAsync(accepted.Document.StatusUrl, cancellationToken);
            if (status.Ended)
            {
                if (run.Json)
                {
                    run.WriteJson(status.Json);
                }
                else
                {
                    run.Console.Ansi.Write(Views.Deprovision(status.Document));
                }

                return Outcomes.ForDeprovision(status.Document.Result);
            }

            await run.Console.Delay(status.RetryAfter is { } retryAfter && retryAfter > TimeSpan.Zero ? retryAfter : Following.BatchWatcher.DefaultInterval, cancellationToken);
        }
    }

    private static async Task<ExitCode> BatchAsync(Invocation run, string batchId, bool cancel, CancellationToken cancellationToken)
    {
        ApiAnswer<BatchDeprovision> answer = await run.Api.DeleteBatchAsync(batchId, cancel, cancellationToken);
        if (run.Json)
        {
            run.WriteJson(answer.Json);
        }
        else
        {
            run.Console.Ansi.Write(Views.BatchDeletion(answer.Document));
            if (answer.Document.Items.Any(i => i.State == "still_provisioning"))
            {
                await run.Console.Out.WriteLineAsync("some items are still provisioning and were left alone: run again with --cancel to stop and delete them");
            }
        }

        return Outcomes.ForBatchDeletion(answer.Document.Items.Select(i => i.State));
    }
}
