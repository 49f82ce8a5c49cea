using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Tests.Validation;

public sealed class ErrorCollectorTests
{
    [Fact]
    public void Errors_are_reported_at_the_pointer_of_the_collector_they_are_added_to()
    {
        var errors = new ErrorCollector();
        ErrorCollector endpoint = errors.At("endpoint");

        errors.Add("a", "at the root");
        endpoint.At("tags", 3).At("key").Add("b", "at a tag key");
        endpoint.At("whitelist").At(0).Add("c", "at a whitelist entry");

        Assert.Equal(
            [("", "a"), ("/endpoint/tags/3/key", "b"), ("/endpoint/whitelist/0", "c")],
            errors.ToList().PointersAndCodes());
        Assert.Equal(3, endpoint.Count);
    }

    [Fact]
    public void A_collector_for_part_of_a_document_starts_at_its_pointer()
    {
        var errors = new ErrorCollector("/requests/7");

        errors.At("endpoint").At("tags", 0).At("key").Add("x", "m");

        Assert.Equal("/requests/7/endpoint/tags/0/key", Assert.Single(errors.ToList()).Pointer);
    }

    [Fact]
    public void Member_names_are_escaped_as_json_pointer_tokens()
    {
        var errors = new ErrorCollector();

        errors.At("a/b~c").Add("x", "m");

        Assert.Equal("/a~1b~0c", Assert.Single(errors.ToList()).Pointer);
    }

    [Fact]
    public void Errors_beyond_the_limit_are_counted_and_summarised_at_the_documents_pointer()
    {
        var errors = new ErrorCollector("/requests/2", maxErrors: 3);
        ErrorCollector deep = errors.At("endpoint").At("whitelist");

        for (int i = 0; i < 8; i++)
        {
            deep.At(i).Add(ValidationCodes.InvalidIpv4, "bad");
        }

        IReadOnlyList<ValidationError> listed = errors.ToList();
        Assert.Equal(4, listed.Count);
        Assert.Equal(["/requests/2/endpoint/whitelist/0", "/requests/2/endpoint/whitelist/1", "/requests/2/endpoint/whitelist/2"], listed.Take(3).Select(e => e.Pointer));
        Assert.Equal(("/requests/2", ValidationCodes.TooManyErrors), (listed[3].Pointer, listed[3].Code));
        Assert.StartsWith("5 more problems", listed[3].Message, StringComparison.Ordinal);
        Assert.Equal(8, errors.Count);
    }

    [Fact]
    public void Up_to_the_limit_there_is_no_summary()
    {
        var errors = new ErrorCollector(maxErrors: 2);

        errors.Add("a", "m");
        errors.Add("b", "m");

        Assert.Equal(["a", "b"], errors.ToList().Select(e => e.Code));
    }

    [Fact]
    public void Rules_say_nothing_at_or_below_a_place_the_reader_could_not_read()
    {
        var errors = new ErrorCollector();
        errors.At("endpoint").At("tags").AddUnreadable(ValidationCodes.WrongType, "tags must be an array");
        ErrorCollector rules = errors.SkippingUnreadable();

        rules.At("endpoint").At("tags").Add(ValidationCodes.TooManyTags, "skipped: at the place");
        rules.At("endpoint").At("tags", 0).At("key").Add(ValidationCodes.Required, "skipped: below it");
        rules.At("endpoint").At("tagsX").Add("kept", "a sibling whose name only starts the same");
        rules.At("endpoint").Add("kept", "above it");

        Assert.Equal(
            [("/endpoint/tags", ValidationCodes.WrongType), ("/endpoint/tagsX", "kept"), ("/endpoint", "kept")],
            errors.ToList().PointersAndCodes());
        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public void The_reader_itself_still_reports_everything_at_an_unreadable_place()
    {
        var errors = new ErrorCollector();
        ErrorCollector endpoint = errors.At("endpoint");

        endpoint.AddUnreadable(ValidationCodes.WrongType, "endpoint must be an object");
        endpoint.Add(ValidationCodes.DuplicateField, "endpoint appears more than once");

        Assert.Equal(
            [("/endpoint", ValidationCodes.WrongType), ("/endpoint", ValidationCodes.DuplicateField)],
            errors.ToList().PointersAndCodes());
    }

    [Fact]
    public void Skipped_errors_do_not_count_towards_the_limit()
    {
        var errors = new ErrorCollector(maxErrors: 1);
        errors.At("whitelist").At(0).AddUnreadable(ValidationCodes.WrongType, "not a string");
        ErrorCollector rules = errors.SkippingUnreadable();

        rules.At("whitelist").At(0).Add(ValidationCodes.Required, "skipped");

        Assert.Equal([("/whitelist/0", ValidationCodes.WrongType)], errors.ToList().PointersAndCodes());
    }
}
