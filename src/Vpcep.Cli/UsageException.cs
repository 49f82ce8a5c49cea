namespace Vpcep.Cli;

/// <summary>What the user asked for cannot be done as asked (an unreadable file, a document of the wrong kind): exit code 2.</summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UsageException()
    {
    }

    /// <summary>Creates the exception with what is wrong.</summary>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with what is wrong and its cause.</summary>
    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
