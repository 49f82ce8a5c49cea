namespace Vpcep.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The system's Chromium (Debian's <c>chromium</c> package, which <c>./build.sh test</c> installs with apt), for the
/// browser tests. Nothing is downloaded: a machine without it fails the test with how to install it.
/// </summary>
public static class Chromium
{
    /// <summary>The variable that names a Chromium (or Chrome) executable to use instead of the one on the PATH.</summary>
    public const string PathVariable = "VPCEP_CHROMIUM";

    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    /// <summary>The executable, or a failure saying how to install it.</summary>
    public static string Executable()
    {
        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured)
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"{PathVariable} names {configured}, which does not exist.");
        }

        string[] directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        string? found = Names.SelectMany(name => directories.Select(directory => Path.Combine(directory, name))).FirstOrDefault(File.Exists);
        return found ?? throw new InvalidOperationException(
            "Chromium is not installed, and the status page's browser test needs it: run ./build.sh test (it installs the Debian package), "
            + $"or apt-get install chromium, or set {PathVariable} to a Chromium or Chrome executable.");
    }
}
