using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Telemetry;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Orchestrations;

/// <summary>
/// Provisions one VPC endpoint: validate against the cloud, create (or adopt what an earlier attempt
/// created), poll with durable timers until a terminal status or the deadline, then notify.
/// Deterministic: time comes from the context, all I/O happens in activities.
/// </summary>
public sealed class ProvisionEndpointOrchestrator : TaskOrchestrator<ProvisioningInput, ProvisioningOutcome>
{
    /// <summary>The orchestration's name in the task hub.</summary>
    public const string Name = nameof(ProvisionEndpointOrchestrator);

    /// <inheritdoc/>
    public override async Task<ProvisioningOutcome> RunAsync(TaskOrchestrationContext context, ProvisioningInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ILogger logger = context.CreateReplaySafeLogger<ProvisionEndpointOrchestrator>();
        ProvisioningRequest request = input.Request;
        WorkflowSettings settings = input.Settings;
        var outcome = new ProvisioningOutcome
        {
            InstanceId = context.InstanceId,
            ProjectId = request.ProjectId,
            Region = request.Region,
            StartedAt = context.CurrentUtcDateTime,
        };

        outcome = await ProvisionAsync(context, input, outcome);
        outcome = outcome with { CompletedAt = context.CurrentUtcDateTime };
        logger.ProvisioningEnded(context.InstanceId, outcome.Result);
        if (!context.IsReplaying)
        {
            ProvisioningTelemetry.RequestEnded(outcome.Result, outcome.CompletedAt - outcome.StartedAt);
        }

        context.SetCustomStatus(new ProvisioningStatus(ProvisioningPhase.Notifying, outcome.Endpoint?.Id, outcome.Endpoint?.Status));
        NotificationReport report = await NotificationDelivery.DeliverAsync(
            context,
            input.Targets,
            NotificationDocument.For(outcome),
            settings.EffectiveDelivery,
            "No callback_url was given, no channel was named and no default is configured.",
            settings.ActivityRetry());
        outcome = outcome with { Notification = report };
        if (input.FollowPendingAcceptance && outcome.Result == ProvisioningResult.PendingAcceptance && input.Targets.Count > 0)
        {
            // Followed in an orchestration of its own, which outlives this one: the outcome is final now.
            string followUpId = InstanceIds.ForFollowUp(context.InstanceId);
            var followUp = new FollowUpInput(input, outcome, context.CurrentUtcDateTime + settings.EffectiveDelivery.PendingAcceptanceTimeout);
            await context.CallActivityAsync<bool>(
                nameof(StartOrchestrationActivity),
                new StartOrchestrationInput(FollowPendingAcceptanceOrchestrator.Name, followUpId, FollowUp: followUp),
                settings.ActivityRetry());
            outcome = outcome with { FollowUpInstanceId = followUpId };
        }

        if (settings.DeprovisionFailedEndpoints && outcome.Result is ProvisioningResult.Failed or ProvisioningResult.TimedOut && outcome.Endpoint is { } left)
        {
            // An endpoint the request made but could not use is deleted in an orchestration of its own, which outlives this one.
            var deprovision = new DeprovisionInput(
                context.InstanceId, input.Request.ProjectId, input.Request.Region, left.Id, Lookup: null, input.Targets, settings, input.Caller);
            await context.CallActivityAsync<bool>(
                nameof(StartOrchestrationActivity),
                new StartOrchestrationInput(DeprovisionEndpointOrchestrator.Name, InstanceIds.ForDeprovision(context.InstanceId), Deprovision: deprovision),
                settings.ActivityRetry());
        }

        context.SetCustomStatus(new ProvisioningStatus(ProvisioningPhase.Completed, outcome.Endpoint?.Id, outcome.Endpoint?.Status));
        return outcome;
    }

    private static async Task<ProvisioningOutcome> ProvisionAsync(
        TaskOrchestrationContext context, ProvisioningInput input, ProvisioningOutcome outcome)
    {
        WorkflowSettings settings = input.Settings;
        try
        {
            context.SetCustomStatus(new ProvisioningStatus(ProvisioningPhase.Validating));
            IReadOnlyList<ValidationError> problems = await context.CallActivityAsync<IReadOnlyList<ValidationError>>(
                nameof(ValidateInCloudActivity), input.Request, settings.ActivityRetry());
            if (problems.Count > 0)
            {
                return outcome with
                {
                    Result = ProvisioningResult.Invalid,
                    ValidationErrors = problems,
                    Error = new ProvisioningError("validation_failed", string.Join(" ", problems.Select(p => p.Message))),
                };
            }

            context.SetCustomStatus(new ProvisioningStatus(ProvisioningPhase.Creating));
            var createInput = new CreateEndpointInput(input.Request, context.InstanceId, outcome.StartedAt);
            CreateEndpointResult created;
            try
            {
                created = await context.CallActivityAsync<CreateEndpointResult>(nameof(CreateEndpointActivity), createInput, settings.ActivityRetry());
            }
            catch (TaskFailedException ex)
            {
                // The last attempt may have been committed by the service although its answer was lost: look once
                // more before deciding, so a created endpoint is never reported as "failed, nothing created".
                EndpointSnapshot? made = await context.CallActivityAsync<EndpointSnapshot?>(
                    nameof(FindCreatedEndpointActivity), createInput, settings.ActivityRetry());
                if (made is null)
                {
                    return RetriesExhausted(outcome, ex);
                }

                created = new CreateEndpointResult(made, null);
            }

            if (created.Endpoint is null)
            {
                return outcome with { Result = ProvisioningResult.Failed, Error = created.Error };
            }

            return await PollAsync(context, input, outcome with { Endpoint = created.Endpoint, CreateRequestId = created.RequestId });
        }
        catch (TaskFailedException ex)
        {
            return RetriesExhausted(outcome, ex);
        }
    }

    /// <summary>
    /// Retries are spent: the cloud stayed busy longer than the patience allows (<see cref="CloudBusyCode"/>), or a
    /// call kept failing otherwise until its attempts ran out (<see cref="RetriesExhaustedCode"/>). Report what it said last.
    /// </summary>
    private static ProvisioningOutcome RetriesExhausted(ProvisioningOutcome outcome, TaskFailedException ex) =>
        WorkflowSettings.IsBusy(ex.FailureDetails)
            ? outcome with
            {
                // The cloud being busy is never a verdict: only running out of time ends such a request.
                Result = ProvisioningResult.TimedOut,
                Error = new ProvisioningError(CloudBusyCode, "The cloud stayed busy (throttling, 5xx or try-again-later) for longer than the request may wait; last answer: " + ex.FailureDetails.ErrorMessage),
            }
            : outcome with
            {
                Result = ProvisioningResult.Failed,
                Error = new ProvisioningError(RetriesExhaustedCode, ex.FailureDetails.ErrorMessage),
            };

    /// <summary>The error code of a request whose cloud calls kept failing until the retries ran out.</summary>
    public const string RetriesExhaustedCode = "retries_exhausted";

    /// <summary>The error code of a request that met a busy cloud (throttling, 5xx) for longer than <see cref="ProvisioningOptions.CloudBusyPatience"/>; it ends <c>timed_out</c>.</summary>
    public const string CloudBusyCode = "cloud_busy";

    /// <summary>
    /// Waits until the endpoint leaves <c>creating</c> or the deadline passes. With coalesced polling
    /// (<see cref="WorkflowSettings.CoalescedPollingFallback"/> set) the endpoint is registered with its project's
    /// <see cref="EndpointWatchOrchestrator"/>, which says when it settles; the request looks itself only when it has
    /// heard nothing for the fallback time, and then registers again. Otherwise it polls with durable timers.
    /// </summary>
    private static async Task<ProvisioningOutcome> PollAsync(
        TaskOrchestrationContext context, ProvisioningInput input, ProvisioningOutcome outcome)
    {
        WorkflowSettings settings = input.Settings;
        EndpointSnapshot endpoint = outcome.Endpoint!;
        DateTime deadline = context.CurrentUtcDateTime + settings.CreationTimeout;
        TimeSpan? fallback = settings.CoalescedPollingFallback;
        Task<EndpointSnapshot>? settled = null;
        TimeSpan wait = settings.InitialPollDelay;
        if (fallback is { } silence)
        {
            settled = context.WaitForExternalEvent<EndpointSnapshot>(EndpointWatchOrchestrator.SettledEvent);
            Register(context, input, outcome, endpoint, context.CurrentUtcDateTime + settings.InitialPollDelay, deadline);
            wait += silence;
        }

        int polls = 0;
        while (!IsSettled(endpoint.Status))
        {
            context.SetCustomStatus(new ProvisioningStatus(ProvisioningPhase.Polling, endpoint.Id, endpoint.Status, polls));
            if (context.CurrentUtcDateTime >= deadline)
            {
                return outcome with
                {
                    Endpoint = endpoint,
                    Result = ProvisioningResult.TimedOut,
                    Error = new ProvisioningError("timed_out", $"The endpoint was still '{endpoint.Status}' after {settings.CreationTimeout}."),
                };
            }

            DateTime next = context.CurrentUtcDateTime + wait;
            if (await WaitAsync(context, next < deadline ? next : deadline, settled) is { } told)
            {
                endpoint = told;
                break;
            }

            wait = fallback ?? settings.PollInterval;
            polls++;
            EndpointSnapshot? seen;
            try
            {
                seen = await context.CallActivityAsync<EndpointSnapshot?>(
                    nameof(GetEndpointActivity), new GetEndpointInput(input.Request.ProjectId, input.Request.Region, endpoint.Id), settings.ActivityRetry());
            }
            catch (TaskFailedException ex)
            {
                // The endpoint exists: the outcome must say so, or it would be left behind unknown.
                return RetriesExhausted(outcome with { Endpoint = endpoint }, ex);
            }

            if (seen is null)
            {
                return outcome with
                {
                    Endpoint = endpoint with { Status = EndpointStatus.Deleting },
                    Result = ProvisioningResult.Failed,
                    Error = new ProvisioningError("endpoint_disappeared", $"Endpoint {endpoint.Id} no longer exists; it was deleted while being provisioned."),
                };
            }

            endpoint = seen;
            if (settled is not null && !IsSettled(endpoint.Status))
            {
                // Nothing heard for the whole fallback time: the watcher may have lost the endpoint (restarted, or
                // missed it in its listings). Register again; it is idempotent.
                Register(context, input, outcome, endpoint, context.CurrentUtcDateTime, deadline);
            }
        }

        context.SetCustomStatus(new ProvisioningStatus(ProvisioningPhase.Polling, endpoint.Id, endpoint.Status, polls));
        return endpoint.Status switch
        {
            EndpointStatus.Accepted => outcome with { Endpoint = endpoint, Result = ProvisioningResult.Accepted },
            EndpointStatus.PendingAcceptance => outcome with { Endpoint = endpoint, Result = ProvisioningResult.PendingAcceptance },
            EndpointStatus.Rejected => outcome with
            {
                Endpoint = endpoint,
                Result = ProvisioningResult.Rejected,
                Error = new ProvisioningError("rejected", "The endpoint service's owner rejected the connection."),
            },
            _ => outcome with
            {
                Endpoint = endpoint,
                Result = ProvisioningResult.Failed,
                Error = endpoint.Error is { Count: > 0 } errors
                    ? new ProvisioningError(errors[0].ErrorCode, errors[0].ErrorMessage ?? "The endpoint failed.")
                    : new ProvisioningError("endpoint_failed", $"The endpoint ended in status '{endpoint.Status}'."),
            },
        };
    }

    /// <summary>
    /// Waits until <paramref name="due"/>, or until the watcher's word arrives when there is a watcher; returns the
    /// endpoint it reported, or null when the time came first. Durable timers on Azure Storage fire up to a second
    /// early (whole-second message delays, rounded down): a timer is re-armed until the time has really come, so a
    /// short interval never turns into back-to-back polls.
    /// </summary>
    /// <remarks>
    /// A timer still pending when the word arrives is cancelled: the Durable Task Framework does not complete an
    /// orchestration while a durable timer of it is outstanding.
    /// </remarks>
    private static async Task<EndpointSnapshot?> WaitAsync(TaskOrchestrationContext context, DateTime due, Task<EndpointSnapshot>? settled)
    {
        using var cancel = new CancellationTokenSource();
        Task? timer = null;
        while (context.CurrentUtcDateTime < due && settled?.IsCompleted != true)
        {
            if (timer is null || timer.IsCompleted)
            {
                timer = context.CreateTimer(due, cancel.Token);
            }

            await (settled is null ? timer : Task.WhenAny(settled, timer));
        }

        if (settled is not { IsCompleted: true })
        {
            return null;
        }

        if (timer is { IsCompleted: false })
        {
            cancel.Cancel();
        }

        return await settled;
    }

    /// <summary>Asks the project's watcher to say when the endpoint settles.</summary>
    private static void Register(
        TaskOrchestrationContext context, ProvisioningInput input, ProvisioningOutcome outcome, EndpointSnapshot endpoint, DateTime firstLookAt, DateTime deadline) =>
        context.SendEvent(
            InstanceIds.ForWatcher(input.Request.ProjectId, input.Request.Region),
            EndpointWatchOrchestrator.WatchEvent,
            new WatchRequest(context.InstanceId, endpoint.Id, outcome.StartedAt.UtcDateTime, firstLookAt, deadline));

    /// <summary>Statuses that end the wait: everything but <c>creating</c>.</summary>
    private static bool IsSettled(string? status) => status is not (EndpointStatus.Creating or null);
}
