namespace Vpcep.Provisioning.Notifications;

/// <summary>How a callback URL is shown back (in outcomes, status answers, logs): never with its credentials.</summary>
public static class CallbackUrls
{
    /// <summary>
    /// The URL without user information and without its query (where webhook receivers often carry tokens):
    /// <c>https://***@hooks.example/x?***</c> becomes <c>https://hooks.example/x?***</c>. The workflow still
    /// delivers to the full URL; only what is shown is redacted.
    /// </summary>
    public static string Redacted(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri))
        {
            return "(unreadable URL)";
        }

        var builder = new UriBuilder(uri) { UserName = "", Password = "" };
        string query = builder.Query.Length > 1 ? "?***" : "";
        builder.Query = "";
        return builder.Uri.GetLeftPart(UriPartial.Path) + query;
    }
}
