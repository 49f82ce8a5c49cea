using Vpcep.Provisioning.Intake;

namespace Vpcep.Provisioning.Tests.Intake;

public class InstanceIdsTests
{
    [Fact]
    public void A_key_maps_to_vpcep_and_the_first_32_hex_digits_of_its_sha256()
    {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        Assert.Equal("vpcep-ba7816bf8f01cfea414140de5dae2223", InstanceIds.For("abc"));
    }

    [Fact]
    public void Ids_fit_in_the_endpoints_marker_tag_value()
    {
        Assert.True(InstanceIds.For("k").Length <= 43);
        Assert.True(InstanceIds.For(null).Length <= 43);
    }

    [Fact]
    public void Fresh_ids_are_well_formed_and_differ()
    {
        string a = InstanceIds.For(null);
        string b = InstanceIds.For(null);

        Assert.True(InstanceIds.IsWellFormed(a));
        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("vpcep-")]
    [InlineData("vpcep-BA7816BF8F01CFEA414140DE5DAE2223")]
    [InlineData("vpcep-ba7816bf8f01cfea414140de5dae222")]
    [InlineData("vpcep-ba7816bf8f01cfea414140de5dae22233")]
    [InlineData("other-ba7816bf8f01cfea414140de5dae2223")]
    [InlineData("vpcep-ba7816bf8f01cfea414140de5dae222g")]
    [InlineData("../../admin")]
    public void Strings_this_class_cannot_have_made_are_not_well_formed(string? value)
    {
        Assert.False(InstanceIds.IsWellFormed(value));
    }
}
