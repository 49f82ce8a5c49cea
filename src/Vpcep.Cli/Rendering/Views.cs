using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using Vpcep.Cli.Api;

namespace Vpcep.Cli.Rendering;

/// <summary>The human views of requests, batches and deprovisionings: tables for a look, frames for the live view, and single lines.</summary>
internal static class Views
{
    private const int BarWidth = 40;
    private const int MaxFailureRows = 15;

    /// <summary>A request as a two-column table.</summary>
    public static IRenderable Request(RequestStatus request, TimeSpan? elapsed = null)
    {
        Grid grid = Pairs();
        Row(grid, "request", request.InstanceId);
        Row(grid, "runtime status", request.RuntimeStatus);
        Row(grid, "phase", request.Phase);
        Row(grid, "endpoint", request.EndpointId ?? request.Outcome?.Endpoint?.Id);
        Row(grid, "endpoint status", request.EndpointStatus ?? request.Outcome?.Endpoint?.Status);
        Row(grid, "result", request.Outcome?.Result);
        if (request.Outcome?.Error is { } error)
        {
            Row(grid, "error", $"{error.Code}: {error.Message}");
        }

        foreach (ProblemError problem in request.Outcome?.ValidationErrors ?? [])
        {
            Row(grid, "invalid", $"{problem.Pointer} {problem.Code}: {problem.Message}");
        }

        Row(grid, "failure", request.Failure);
        Row(grid, "created", Time(request.CreatedAt));
        Row(grid, "updated", Time(request.LastUpdatedAt));
        if (elapsed is { } time)
        {
            Row(grid, "elapsed", Duration(time));
        }

        return grid;
    }

    /// <summary>A batch: its state, a progress bar, counts by outcome, throughput and elapsed time, and its failures.</summary>
    public static IRenderable Batch(BatchFrame frame)
    {
        BatchStatus batch = frame.Batch;
        var header = new Markup(
            $"[bold]batch {Markup.Escape(batch.BatchId)}[/]  {Markup.Escape(batch.RuntimeStatus)}  " +
            $"elapsed {Duration(frame.Elapsed)}  {frame.ItemsPerMinute.ToString("0.0", CultureInfo.InvariantCulture)} items/min");
        var progress = new Markup(ProgressBar(batch.Completed, batch.Total));

        var counts = new Table().Border(TableBorder.Rounded).AddColumn("outcome").AddColumn(new TableColumn("items").RightAligned());
        foreach ((string result, int count) in (batch.Counts ?? new Dictionary<string, int>()).OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal))
        {
            counts.AddRow(new Text(result), new Text(count.ToString(CultureInfo.InvariantCulture)));
        }

        counts.AddRow(new Text("running"), new Text(frame.Running.ToString(CultureInfo.InvariantCulture)));

        var rows = new List<IRenderable> { header, progress, counts };
        if (frame.Failures.Count > 0)
        {
            var failures = new Table().Border(TableBorder.Rounded).Title($"failures ({frame.Failures.Count.ToString(CultureInfo.InvariantCulture)})")
                .AddColumn("#").AddColumn("result").AddColumn("code").AddColumn("message");
            foreach (BatchItem item in frame.Failures.Take(MaxFailureRows))
            {
                (string code, string message) = Failure(item);
                failures.AddRow(new Text(item.Index.ToString(CultureInfo.InvariantCulture)), new Text(item.Result ?? ""), new Text(code), new Text(message));
            }

            if (frame.Failures.Count > MaxFailureRows)
            {
                failures.Caption($"and {(frame.Failures.Count - MaxFailureRows).ToString(CultureInfo.InvariantCulture)} more (vpcep status --batch {Markup.Escape(batch.BatchId)} --json)");
            }

            rows.Add(failures);
        }

        return new Rows(rows);
    }

    /// <summary>A batch frame as one line, for output that is not a terminal.</summary>
    public static string BatchLine(BatchFrame frame, DateTimeOffset now)
    {
        BatchStatus batch = frame.Batch;
        string counts = string.Join(' ', (batch.Counts ?? new Dictionary<string, int>()).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value.ToString(CultureInfo.InvariantCulture)}"));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{now:yyyy-MM-ddTHH:mm:ssZ} batch {batch.BatchId} {batch.RuntimeStatus} {batch.Completed}/{batch.Total} ({Percent(batch.Completed, batch.Total)}%) " +
            $"{(counts.Length > 0 ? counts + " " : "")}running={frame.Running} {frame.ItemsPerMinute:0.0} items/min elapsed {Duration(frame.Elapsed)} failures={frame.Failures.Count}");
    }

    /// <summary>A failed item as one line.</summary>
    public static string FailureLine(BatchItem item)
    {
        (string code, string message) = Failure(item);
        return string.Create(CultureInfo.InvariantCulture, $"  #{item.Index} {item.Result} {item.InstanceId ?? "-"} {code}: {message}");
    }

    /// <summary>A request frame as one line.</summary>
    public static string RequestLine(RequestFrame frame, DateTimeOffset now)
    {
        RequestStatus request = frame.Request;
        string line = string.Create(
            CultureInfo.InvariantCulture,
            $"{now:yyyy-MM-ddTHH:mm:ssZ} request {request.InstanceId} {request.RuntimeStatus} phase={request.Phase ?? "-"} endpoint={request.EndpointId ?? "-"} " +
            $"status={request.EndpointStatus ?? "-"} elapsed {Duration(frame.Elapsed)}");
        if (request.Outcome is { } outcome)
        {
            line += $" result={outcome.Result}";
            if (outcome.Error is { } error)
            {
                line += $" error={error.Code}: {error.Message}";
            }
        }

        return line;
    }

    /// <summary>A deprovisioning as a two-column table.</summary>
    public static IRenderable Deprovision(DeprovisionStatus status)
    {
        Grid grid = Pairs();
        Row(grid, "request", status.InstanceId);
        Row(grid, "deprovisioning", status.DeprovisionInstanceId);
        Row(grid, "runtime status", status.RuntimeStatus);
        Row(grid, "endpoint", status.EndpointId);
        Row(grid, "result", status.Result);
        if (status.Error is { } error && error.ValueKind != System.Text.Json.JsonValueKind.Null)
        {
            Row(grid, "error", error.ToString());
        }

        return grid;
    }

    /// <summary>A batch deletion: each item's state.</summary>
    public static IRenderable BatchDeletion(BatchDeprovision deletion)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"batch {Markup.Escape(deletion.BatchId)}")
            .AddColumn("#").AddColumn("request").AddColumn("state").AddColumn("status URL");
        foreach (BatchDeprovisionItem item in deletion.Items)
        {
            table.AddRow(new Text(item.Index.ToString(CultureInfo.InvariantCulture)), new Text(item.InstanceId ?? "-"), new Text(item.State), new Text(item.StatusUrl ?? "-"));
        }

        return table;
    }

    /// <summary>A progress bar in markup: completed of total, and the percentage.</summary>
    public static string ProgressBar(int completed, int total)
    {
        int filled = total <= 0 ? BarWidth : (int)Math.Round(BarWidth * Math.Clamp((double)completed / total, 0, 1));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"[green]{new string('█', filled)}[/][grey]{new string('░', BarWidth - filled)}[/] {completed}/{total} ({Percent(completed, total)}%)");
    }

    /// <summary>A duration as hh:mm:ss.</summary>
    public static string Duration(TimeSpan time) => time.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);

    private static int Percent(int completed, int total) => total <= 0 ? 100 : (int)Math.Floor(100.0 * completed / total);

    private static (string Code, string Message) Failure(BatchItem item) => item switch
    {
        { Error: { } error } => (error.Code ?? "-", error.Message ?? ""),
        { ValidationErrors: [var first, ..] } => (first.Code ?? "-", $"{first.Pointer} {first.Message}" + (item.ValidationErrors.Count > 1 ? $" (+{item.ValidationErrors.Count - 1} more)" : "")),
        _ => ("-", ""),
    };

    private static Grid Pairs() => new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();

    private static void Row(Grid grid, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            grid.AddRow(new Text(name, new Style(decoration: Decoration.Bold)), new Text(value));
        }
    }

    private static string? Time(DateTimeOffset? time) => time is { Year: > 2000 } value ? value.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : null;
}
