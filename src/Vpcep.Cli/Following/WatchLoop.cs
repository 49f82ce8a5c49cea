using Spectre.Console;
using Spectre.Console.Rendering;

namespace Vpcep.Cli.Following;

/// <summary>
/// Shows what something looks like until it ends: redrawn in place on a terminal (Spectre.Console's live display), or
/// one line per change (the document as sent with <c>--json</c>) when output is redirected.
/// </summary>
internal static class WatchLoop
{
    /// <summary>One look at what is watched.</summary>
    /// <typeparam name="TState">What the look saw.</typeparam>
    /// <param name="State">What the look saw.</param>
    /// <param name="Render">The live view of it.</param>
    /// <param name="Lines">The lines a redirected output gets for it (when it changed).</param>
    /// <param name="Json">The API's document as sent.</param>
    /// <param name="ChangeKey">What tells one look from the last.</param>
    /// <param name="Ended">Whether it has ended.</param>
    /// <param name="Wait">How long to wait before the next look.</param>
    internal sealed record Look<TState>(TState State, Func<IRenderable> Render, Func<IEnumerable<string>> Lines, string Json, string ChangeKey, bool Ended, TimeSpan Wait);

    /// <summary>Looks until the watched thing ends; answers the last look.</summary>
    public static async Task<Look<TState>> RunAsync<TState>(Invocation run, Func<CancellationToken, Task<Look<TState>>> lookAsync, CancellationToken cancellationToken)
    {
        Look<TState> look = await lookAsync(cancellationToken);
        if (run.Live)
        {
            await run.Console.Ansi.Live(look.Render()).AutoClear(false).StartAsync(async context =>
            {
                while (!look.Ended)
                {
                    await run.Console.Delay(look.Wait, cancellationToken);
                    look = await lookAsync(cancellationToken);
                    context.UpdateTarget(look.Render());
                    context.Refresh();
                }
            });
            return look;
        }

        string? shown = null;
        while (true)
        {
            if (look.ChangeKey != shown)
            {
                shown = look.ChangeKey;
                if (run.Json)
                {
                    run.WriteJson(look.Json);
                }
                else
                {
                    foreach (string line in look.Lines())
                    {
                        await run.Console.Out.WriteLineAsync(line);
                    }
                }

                await run.Console.Out.FlushAsync(cancellationToken);
            }

            if (look.Ended)
            {
                return look;
            }

            await run.Console.Delay(look.Wait, cancellationToken);
            look = await lookAsync(cancellationToken);
        }
    }
}
