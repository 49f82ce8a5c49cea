namespace Vpcep.Testing;

/// <summary>Finds files of the repository the tests run from.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding VpcepFunctions.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VpcepFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The tests must run inside the repository (no VpcepFunctions.sln above " + AppContext.BaseDirectory + ").");
    }
}
