namespace Vpcep.HuaweiCloud.Signing;

/// <summary>The parts of an <c>SDK-HMAC-SHA256</c> <c>Authorization</c> header.</summary>
public sealed record AuthorizationHeader(string AccessKey, IReadOnlyList<string> SignedHeaders, string Signature)
{
    /// <summary>Parses <c>SDK-HMAC-SHA256 Access=..., SignedHeaders=a;b, Signature=...</c>.</summary>
    public static bool TryParse(string? value, out AuthorizationHeader? header)
    {
        header = null;
        if (value is null || !value.StartsWith(SdkHmacSha256Signer.Algorithm + " ", StringComparison.Ordinal))
        {
            return false;
        }

        string? access = null, signedHeaders = null, signature = null;
        foreach (string part in value[(SdkHmacSha256Signer.Algorithm.Length + 1)..].Split(','))
        {
            string[] kv = part.Trim().Split('=', 2);
            if (kv.Length != 2)
            {
                return false;
            }

            switch (kv[0])
            {
                case "Access": access = kv[1]; break;
                case "SignedHeaders": signedHeaders = kv[1]; break;
                case "Signature": signature = kv[1]; break;
                default: return false;
            }
        }

        if (string.IsNullOrEmpty(access) || string.IsNullOrEmpty(signedHeaders) || string.IsNullOrEmpty(signature))
        {
            return false;
        }

        header = new AuthorizationHeader(access, signedHeaders.Split(';'), signature);
        return true;
    }
}
