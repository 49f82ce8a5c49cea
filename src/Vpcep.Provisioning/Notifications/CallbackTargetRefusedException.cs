namespace Vpcep.Provisioning.Notifications;

/// <summary>
/// A callback was not sent because its target is refused (<see cref="CallbackTargetPolicy"/>): http where only https
/// is taken, credentials in the URL, or a host that is or resolves to a non-public address. It is an
/// <see cref="HttpRequestException"/>, so delivery fails like any other, and its message, which the orchestration
/// records in the outcome, names the host and address and never the URL's credentials.
/// </summary>
public sealed class CallbackTargetRefusedException : HttpRequestException
{
    /// <summary>Initializes a new instance of the <see cref="CallbackTargetRefusedException"/> class.</summary>
    public CallbackTargetRefusedException()
        : this("The callback target is refused.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CallbackTargetRefusedException"/> class.</summary>
    /// <param name="message">Why, without credentials.</param>
    public CallbackTargetRefusedException(string message)
        : base(HttpRequestError.Unknown, message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CallbackTargetRefusedException"/> class.</summary>
    /// <param name="message">Why, without credentials.</param>
    /// <param name="innerException">The cause.</param>
    public CallbackTargetRefusedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CallbackTargetRefusedException"/> class for a refused target.</summary>
    /// <param name="problem">The rule the target breaks.</param>
    public CallbackTargetRefusedException(CallbackTargetProblem problem)
        : this("Callback refused: " + (problem ?? throw new ArgumentNullException(nameof(problem))).Message)
    {
        Code = problem.Code;
    }

    /// <summary>Gets the code of the rule the target breaks (<see cref="Validation.ValidationCodes"/>), when there is one.</summary>
    public string? Code { get; }

    /// <summary>
    /// The refusal an exception is or carries: <see cref="CallbackTargetHandler"/> throws it as it is, while
    /// SocketsHttpHandler wraps what its connect callback (<see cref="CallbackConnector"/>) throws in an
    /// <see cref="HttpRequestException"/> whose message adds the host and port.
    /// </summary>
    /// <param name="exception">What a send threw.</param>
    /// <returns>The refusal, or null when the failure is another one.</returns>
    public static CallbackTargetRefusedException? Within(Exception? exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is CallbackTargetRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }
}
