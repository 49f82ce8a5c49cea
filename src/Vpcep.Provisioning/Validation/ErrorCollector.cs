using System.Globalization;

namespace Vpcep.Provisioning.Validation;

/// <summary>
/// Collects the problems of one document (a request, a batch envelope) while readers and rules walk it.
/// Each collector stands at a JSON pointer; <see cref="At(string)"/> and <see cref="At(int)"/> give one
/// further down that adds to the same list, so rules name members relative to where they are.
/// </summary>
/// <remarks>
/// At most <c>maxErrors</c> errors are listed; the rest are counted, and <see cref="ToList"/> ends with one
/// <see cref="ValidationCodes.TooManyErrors"/> error at the document's pointer saying how many were left out.
/// A reader marks the places it could not read (<see cref="AddUnreadable"/>: a value missing or of the wrong
/// type); rules that add through <see cref="SkippingUnreadable"/> say nothing at or below those places, since
/// a rule need not repeat that the value it checks is missing.
/// </remarks>
internal sealed class ErrorCollector
{
    private readonly Shared shared;
    private readonly bool skipUnreadable;

    /// <summary>Initializes a new instance of the <see cref="ErrorCollector"/> class for a document.</summary>
    /// <param name="pointer">Where the document sits: "" for a whole document, <c>/requests/3</c> for a batch item.</param>
    /// <param name="maxErrors">The most errors listed (<see cref="ValidationOptions.MaxErrors"/>).</param>
    public ErrorCollector(string pointer = "", int maxErrors = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        ArgumentOutOfRangeException.ThrowIfNegative(maxErrors);
        shared = new Shared(pointer, maxErrors);
        Pointer = pointer;
    }

    private ErrorCollector(Shared shared, string pointer, bool skipUnreadable)
    {
        this.shared = shared;
        Pointer = pointer;
        this.skipUnreadable = skipUnreadable;
    }

    /// <summary>Gets the JSON pointer errors added here are reported at.</summary>
    public string Pointer { get; }

    /// <summary>Gets how many errors the document has so far, listed or not (skipped ones do not count).</summary>
    public int Count => shared.Listed.Count + shared.Omitted;

    /// <summary>A collector at member <paramref name="name"/> of the value here.</summary>
    public ErrorCollector At(string name) => new(shared, JsonPointer.Append(Pointer, name), skipUnreadable);

    /// <summary>A collector at item <paramref name="index"/> of the array here.</summary>
    public ErrorCollector At(int index) => new(shared, JsonPointer.Append(Pointer, index), skipUnreadable);

    /// <summary>A collector at item <paramref name="index"/> of the array member <paramref name="name"/>.</summary>
    public ErrorCollector At(string name, int index) => At(name).At(index);

    /// <summary>
    /// The same collector for rules: from it (and collectors derived from it) nothing is added at or below
    /// a place the reader could not read.
    /// </summary>
    public ErrorCollector SkippingUnreadable() => new(shared, Pointer, skipUnreadable: true);

    /// <summary>Adds an error at <see cref="Pointer"/>.</summary>
    public void Add(string code, string message)
    {
        if (skipUnreadable && shared.Unreadable.Any(place => JsonPointer.IsAtOrBelow(Pointer, place)))
        {
            return;
        }

        if (shared.Listed.Count < shared.MaxErrors)
        {
            shared.Listed.Add(new ValidationError(Pointer, code, message));
        }
        else
        {
            shared.Omitted++;
        }
    }

    /// <summary>Adds an error at <see cref="Pointer"/> and marks the place as one whose value could not be read.</summary>
    public void AddUnreadable(string code, string message)
    {
        shared.Unreadable.Add(Pointer);
        Add(code, message);
    }

    /// <summary>The listed errors, followed by a <see cref="ValidationCodes.TooManyErrors"/> summary when some were left out.</summary>
    public IReadOnlyList<ValidationError> ToList()
    {
        if (shared.Omitted == 0)
        {
            return [.. shared.Listed];
        }

        return
        [
            .. shared.Listed,
            new ValidationError(shared.Root, ValidationCodes.TooManyErrors,
                string.Create(CultureInfo.InvariantCulture, $"{shared.Omitted} more problems were found and not listed; fix the ones above and submit again.")),
        ];
    }

    /// <summary>What every collector of one document shares.</summary>
    private sealed class Shared(string root, int maxErrors)
    {
        public string Root { get; } = root;

        public int MaxErrors { get; } = maxErrors;

        public List<ValidationError> Listed { get; } = [];

        public List<string> Unreadable { get; } = [];

        public int Omitted { get; set; }
    }
}
