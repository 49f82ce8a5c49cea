using DurableTask.Core;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Hosting;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Vpcep.DurableTask.AzureStorage;

/// <summary>
/// A <see cref="DurableTaskWorker"/> that runs the registered Microsoft.DurableTask orchestrators and
/// activities on DurableTask.Core's <see cref="TaskHubWorker"/> over Azure Storage.
/// </summary>
public sealed class AzureStorageDurableTaskWorker : DurableTaskWorker
{
    private static readonly TimeSpan GracefulStopTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxStartRetryInterval = TimeSpan.FromSeconds(30);

    private readonly OrchestrationServiceProvider serviceProvider;
    private readonly IServiceProvider services;
    private readonly DurableTaskWorkerOptions workerOptions;
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger logger;

    public AzureStorageDurableTaskWorker(
        string name,
        IDurableTaskFactory factory,
        OrchestrationServiceProvider serviceProvider,
        IServiceProvider services,
        IOptionsMonitor<DurableTaskWorkerOptions> workerOptions,
        ILoggerFactory loggerFactory)
        : base(name, factory)
    {
        ArgumentNullException.ThrowIfNull(workerOptions);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        this.serviceProvider = serviceProvider;
        this.services = services;
        this.workerOptions = workerOptions.Get(name);
        this.loggerFactory = loggerFactory;
        logger = loggerFactory.CreateLogger<AzureStorageDurableTaskWorker>();
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var shims = new DurableTaskShimFactory(workerOptions, loggerFactory);
        var orchestrationService = serviceProvider.WorkerService;
        var worker = new TaskHubWorker(
            orchestrationService,
            new OrchestrationObjectManager(Factory, shims, services),
            new ActivityObjectManager(Factory, shims, services),
            loggerFactory)
        {
            // The SDK's shims report failures as FailureDetails; the orchestrator sees TaskFailedException.
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };

        // Storage may not be reachable yet (Azurite still starting, a network blip): keep trying
        // instead of taking the host down; requests wait safely in storage meanwhile.
        for (TimeSpan wait = TimeSpan.FromSeconds(1); ; wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, MaxStartRetryInterval.Ticks)))
        {
            try
            {
                await orchestrationService.CreateIfNotExistsAsync().ConfigureAwait(false);
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && !stoppingToken.IsCancellationRequested)
            {
                logger.StorageUnavailable(ex, serviceProvider.TaskHubName, wait);
                try
                {
                    await Task.Delay(wait, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        await worker.StartAsync().ConfigureAwait(false);
        logger.Started(serviceProvider.TaskHubName);
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
        finally
        {
            // A graceful stop waits for work in flight; when storage is gone it could wait forever,
            // so it gets a bound. Unfinished work items are redelivered to the next worker.
            try
            {
                await worker.StopAsync(isForced: false).WaitAsync(GracefulStopTimeout, CancellationToken.None).ConfigureAwait(false);
                logger.Stopped(serviceProvider.TaskHubName);
            }
            catch (TimeoutException)
            {
                logger.StopTimedOut(serviceProvider.TaskHubName, GracefulStopTimeout);
            }
        }
    }
}
