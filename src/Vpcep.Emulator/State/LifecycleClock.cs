using Microsoft.Extensions.Options;

namespace Vpcep.Emulator.State;

/// <summary>The emulator's time: the current instant and the run-time adjustable <see cref="TimeScale"/>.</summary>
public sealed class LifecycleClock(TimeProvider time, IOptions<EmulatorOptions> options)
{
    private double timeScale = Validate(options.Value.TimeScale);

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Multiplies lifecycle delays and injected latency; a delay is scaled when it starts.</summary>
    public double TimeScale
    {
        get => Volatile.Read(ref timeScale);
        set => Volatile.Write(ref timeScale, Validate(value));
    }

    public TimeSpan Scale(TimeSpan delay) => TimeSpan.FromTicks((long)(delay.Ticks * TimeScale));

    public void Reset() => TimeScale = options.Value.TimeScale;

    private static double Validate(double scale) =>
        double.IsFinite(scale) && scale >= 0 ? scale : throw new ArgumentOutOfRangeException(nameof(scale), scale, "TimeScale must be a finite number >= 0.");
}
