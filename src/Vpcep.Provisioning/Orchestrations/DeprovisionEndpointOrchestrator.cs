using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;

namespace Vpcep.Provisioning.Orchestrations;

/// <summary>
/// Deletes the endpoint of one provisioning request: finds it when the request's state does not name it, asks the
/// service to delete it, waits with durable timers (the request's poll settings) until the service no longer has it,
/// and notifies the outcome on the request's channels with an event of its own (<c>deprovision_{instance id}</c>).
/// Ends <c>deleted</c>, <c>already_gone</c> (nothing to delete), <c>failed</c> (the cloud's error) or <c>timed_out</c>
/// (still there after <see cref="WorkflowSettings.CreationTimeout"/>, or a busy cloud for too long).
/// </summary>
/// <remarks>
/// Safe under crashes: every step is an activity whose answer is recorded, and a repeated delete reads the service's
/// answer (<c>EndPoint.2018</c> while deleting, 404 once gone) instead of failing (see <see cref="DeleteEndpointActivity"/>).
/// Deterministic: time comes from the context.
/// </remarks>
public sealed class DeprovisionEndpointOrchestrator : TaskOrchestrator<DeprovisionInput, DeprovisionOutcome>
{
    /// <summary>The orchestration's name in the task hub.</summary>
    public const string Name = nameof(DeprovisionEndpointOrchestrator);

    /// <inheritdoc/>
    public override async Task<DeprovisionOutcome> RunAsync(TaskOrchestrationContext context, DeprovisionInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ILogger logger = context.CreateReplaySafeLogger<DeprovisionEndpointOrchestrator>();
        var outcome = new DeprovisionOutcome
        {
            InstanceId = input.RequestInstanceId,
            DeprovisionInstanceId = context.InstanceId,
            ProjectId = input.ProjectId,
            Region = input.Region,
            EndpointId = input.EndpointId,
            StartedAt = context.CurrentUtcDateTime,
        };

        outcome = await DeprovisionAsync(context, input, outcome);
        outcome = outcome with { CompletedAt = context.CurrentUtcDateTime };
        logger.DeprovisioningEnded(input.RequestInstanceId, outcome.Result);

        context.SetCustomStatus(new DeprovisionStatus(DeprovisionPhase.Notifying, outcome.EndpointId));
        NotificationReport report = await NotificationDelivery.DeliverAsync(
            context,
            input.Targets,
            NotificationDocument.For(outcome, input.Run),
            input.Settings.EffectiveDelivery,
            "The request named no callback_url and no channel, and none was configured when it was accepted.",
            input.Settings.ActivityRetry());
        outcome = outcome with { Notification = report };
        context.SetCustomStatus(new DeprovisionStatus(DeprovisionPhase.Completed, outcome.EndpointId));
        return outcome;
    }

    private static async Task<DeprovisionOutcome> DeprovisionAsync(TaskOrchestrationContext context, DeprovisionInput input, DeprovisionOutcome outcome)
    {
        WorkflowSettings settings = input.Settings;
        DateTime deadline = context.CurrentUtcDateTime + settings.CreationTimeout;
        try
        {
            string? endpointId = input.EndpointId;
            if (endpointId is null && input.Lookup is { } lookup)
            {
                context.SetCustomStatus(new DeprovisionStatus(DeprovisionPhase.Finding));
                EndpointSnapshot? found = await context.CallActivityAsync<EndpointSnapshot?>(nameof(FindCreatedEndpointActivity), lookup, settings.ActivityRetry());
                if (found is null && input.LookAgainAfter is { } settle)
                {
                    // A create sent just before the request was cancelled may still land: give it time, then look again.
                    await WaitAsync(context, settle, context.CurrentUtcDateTime + settle);
                    found = await context.CallActivityAsync<EndpointSnapshot?>(nameof(FindCreatedEndpointActivity), lookup, settings.ActivityRetry());
                }

                endpointId = found?.Id;
            }

            if (endpointId is null)
            {
                return outcome with { Result = DeprovisionResult.AlreadyGone };
            }

            outcome = outcome with { EndpointId = endpointId };
            var target = new GetEndpointInput(input.ProjectId, input.Region, endpointId);
            bool asked = false;
            int polls = 0;
            while (true)
            {
                context.SetCustomStatus(new DeprovisionStatus(DeprovisionPhase.Deleting, endpointId, Polls: polls));
                DeleteEndpointResult answer = await context.CallActivityAsync<DeleteEndpointResult>(nameof(DeleteEndpointActivity), target, settings.ActivityRetry());
                switch (answer.Answer)
                {
                    case DeleteAnswers.NotFound:
                        // Gone before this run asked (another delete, or an attempt of this run whose answer was lost).
                        return outcome with { Result = asked ? DeprovisionResult.Deleted : DeprovisionResult.AlreadyGone };
                    case DeleteAnswers.Refused:
                        return outcome with { Result = DeprovisionResult.Failed, Error = answer.Error };
                    case DeleteAnswers.StillCreating:
                        // The service deletes no endpoint while it is being created: ask again after a poll interval.
                        if (!await WaitAsync(context, settings.PollInterval, deadline))
                        {
                            return TimedOut(outcome, settings, EndpointStatus.Creating);
                        }

                        polls++;
                        continue;
                }

                // Accepted, or a delete was accepted before: wait until the service no longer has it.
                asked = true;
                TimeSpan wait = settings.InitialPollDelay;
                EndpointSnapshot? seen;
                do
                {
                    context.SetCustomStatus(new DeprovisionStatus(DeprovisionPhase.Waiting, endpointId, EndpointStatus.Deleting, polls));
                    if (!await WaitAsync(context, wait, deadline))
                    {
                        return TimedOut(outcome, settings, EndpointStatus.Deleting);
                    }

                    wait = settings.PollInterval;
                    polls++;
                    seen = await context.CallActivityAsync<EndpointSnapshot?>(nameof(GetEndpointActivity), target, settings.ActivityRetry());
                    if (seen is null)
                    {
                        return outcome with { Result = DeprovisionResult.Deleted };
                    }
                }
                while (seen.Status == EndpointStatus.Deleting);

                // Seen in another status after its delete was accepted: the delete did not take; ask again.
            }
        }
        catch (TaskFailedException ex)
        {
            return WorkflowSettings.IsBusy(ex.FailureDetails)
                ? outcome with
                {
                    Result = DeprovisionResult.TimedOut,
                    Error = new ProvisioningError(ProvisionEndpointOrchestrator.CloudBusyCode, "The cloud stayed busy (throttling, 5xx or try-again-later) for longer than the deprovisioning may wait; last answer: " + ex.FailureDetails.ErrorMessage),
                }
                : outcome with
                {
                    Result = DeprovisionResult.Failed,
                    Error = new ProvisioningError(ProvisionEndpointOrchestrator.RetriesExhaustedCode, ex.FailureDetails.ErrorMessage),
                };
        }
    }

    private static DeprovisionOutcome TimedOut(DeprovisionOutcome outcome, WorkflowSettings settings, string status) => outcome with
    {
        Result = DeprovisionResult.TimedOut,
        Error = new ProvisioningError("timed_out", $"The endpoint was still '{status}' after {settings.CreationTimeout}."),
    };

    /// <summary>
    /// Waits <paramref name="wait"/> with a durable timer, re-armed until the time has really come (Azure Storage's timers
    /// may fire up to a second early), but never past <paramref name="deadline"/>; false when the deadline has come.
    /// </summary>
    private static async Task<bool> WaitAsync(TaskOrchestrationContext context, TimeSpan wait, DateTime deadline)
    {
        if (context.CurrentUtcDateTime >= deadline)
        {
            return false;
        }

        DateTime due = context.CurrentUtcDateTime + wait;
        if (due > deadline)
        {
            due = deadline;
        }

        while (context.CurrentUtcDateTime < due)
        {
            await context.CreateTimer(due, CancellationToken.None);
        }

        return true;
    }
}
