using System.Text;
using Vpcep.HuaweiCloud.Signing;

namespace Vpcep.HuaweiCloud.Tests.Signing;

/// <summary>
/// Property-style tests: a few hundred random requests (fixed seeds, so a failure reproduces) checked
/// against properties the signature must have whatever the input.
/// </summary>
public class SigningPropertyTests
{
    private const int Cases = 300;
    private static readonly HuaweiCredentials Credentials = new("PROPERTYAK", "property-secret");
    private const string Alphabet = "abcXYZ019-_.~ !*'()&=+/?#%一é😀";

    [Fact]
    public void The_canonical_request_does_not_depend_on_header_order_or_header_name_case()
    {
        var random = new Random(20240506);
        for (int i = 0; i < Cases; i++)
        {
            List<KeyValuePair<string, string>> headers = RandomHeaders(random);
            List<KeyValuePair<string, string>> shuffled = [.. headers.OrderBy(_ => random.Next()).Select(h => new KeyValuePair<string, string>(RandomCase(random, h.Key), h.Value))];
            string path = RandomPath(random);

            string expected = CanonicalRequest.Build("POST", path, null, headers, CanonicalRequest.EmptyBodyHash);
            string actual = CanonicalRequest.Build("POST", path, null, shuffled, CanonicalRequest.EmptyBodyHash);

            Assert.True(expected == actual, $"case {i}: {string.Join(", ", headers)} vs {string.Join(", ", shuffled)}");
        }
    }

    [Fact]
    public void The_signature_does_not_depend_on_query_parameter_order()
    {
        var random = new Random(1115);
        for (int i = 0; i < Cases; i++)
        {
            List<KeyValuePair<string, string>> parameters = RandomParameters(random);
            string path = RandomPath(random);
            KeyValuePair<string, string>[] headers = [new("X-Sdk-Date", "20191115T033655Z"), new("Host", "h.example.com")];

            string expected = SdkHmacSha256Signer.Authorize("GET", Url(path, parameters), headers, [], Credentials);
            string actual = SdkHmacSha256Signer.Authorize("GET", Url(path, [.. parameters.OrderBy(_ => random.Next())]), headers, [], Credentials);

            Assert.True(expected == actual, $"case {i}: {Url(path, parameters)}");
        }
    }

    [Fact]
    public void Every_change_to_a_signed_part_changes_the_signature()
    {
        var random = new Random(42);
        for (int i = 0; i < Cases; i++)
        {
            List<KeyValuePair<string, string>> parameters = RandomParameters(random);
            string path = RandomPath(random);
            byte[] body = Encoding.UTF8.GetBytes(RandomText(random, 0, 20));
            List<KeyValuePair<string, string>> headers = [new("X-Sdk-Date", "20191115T033655Z"), .. RandomHeaders(random)];
            string original = SdkHmacSha256Signer.Authorize("PUT", Url(path, parameters), headers, body, Credentials);

            Assert.NotEqual(original, SdkHmacSha256Signer.Authorize("PUT", Url(path, parameters), headers, [.. body, (byte)' '], Credentials));
            Assert.NotEqual(original, SdkHmacSha256Signer.Authorize("PUT", Url(path + "x", parameters), headers, body, Credentials));
            Assert.NotEqual(original, SdkHmacSha256Signer.Authorize("PUT", Url(path, [.. parameters, new("extra", "1")]), headers, body, Credentials));
            Assert.NotEqual(original, SdkHmacSha256Signer.Authorize("PUT", Url(path, parameters), [.. headers, new("X-Extra", "1")], body, Credentials));
            Assert.NotEqual(original, SdkHmacSha256Signer.Authorize("PUT", Url(path, parameters), headers, body, Credentials with { SecretKey = "other" }));
        }
    }

    [Fact]
    public void A_query_survives_the_round_trip_from_parameters_through_a_sent_uri_to_the_canonical_form()
    {
        var random = new Random(7);
        for (int i = 0; i < Cases; i++)
        {
            List<KeyValuePair<string, string>> parameters = RandomParameters(random);
            Uri sent = Url("/v1/p", parameters);

            Assert.Equal(CanonicalRequest.CanonicalQuery(parameters), CanonicalRequest.CanonicalQuery(sent.Query));
        }
    }

    private static Uri Url(string path, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        string query = string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        return new Uri("https://h.example.com" + path + (query.Length == 0 ? "" : "?" + query));
    }

    private static List<KeyValuePair<string, string>> RandomHeaders(Random random)
    {
        // Distinct names (case-insensitively): a header appears once in a real request.
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var headers = new List<KeyValuePair<string, string>>();
        int count = random.Next(1, 8);
        while (headers.Count < count)
        {
            string name = "X-" + RandomToken(random, 1, 10);
            if (names.Add(name))
            {
                headers.Add(new(name, RandomToken(random, 0, 15)));
            }
        }

        return headers;
    }

    private static List<KeyValuePair<string, string>> RandomParameters(Random random)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        int count = random.Next(0, 6);
        for (int i = 0; i < count; i++)
        {
            string key = RandomText(random, 1, 6);
            parameters.Add(new(key, RandomText(random, 0, 8)));
            if (random.Next(4) == 0)
            {
                parameters.Add(new(key, RandomText(random, 0, 8))); // a repeated key
            }
        }

        return parameters;
    }

    private static string RandomPath(Random random) =>
        "/" + string.Join('/', Enumerable.Range(0, random.Next(1, 4)).Select(_ => Uri.EscapeDataString(RandomText(random, 1, 8))));

    private static string RandomText(Random random, int min, int max)
    {
        var builder = new StringBuilder();
        int length = random.Next(min, max + 1);
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(Alphabet);
        List<string> symbols = [];
        while (elements.MoveNext())
        {
            symbols.Add(elements.GetTextElement());
        }

        for (int i = 0; i < length; i++)
        {
            builder.Append(symbols[random.Next(symbols.Count)]);
        }

        return builder.ToString();
    }

    private static string RandomToken(Random random, int min, int max)
    {
        const string chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-";
        return new string([.. Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => chars[random.Next(chars.Length)])]);
    }

    private static string RandomCase(Random random, string value) =>
        new([.. value.Select(c => random.Next(2) == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c))]);
}
