using System.Diagnostics.CodeAnalysis;

// "Pointer" here is RFC 6901's word for a location in a JSON document, not a memory pointer.
[assembly: SuppressMessage(
    "Naming",
    "CA1720:Identifier contains type name",
    Justification = "A JSON pointer (RFC 6901) is the domain's term for where a problem is.",
    Scope = "namespaceanddescendants",
    Target = "~N:Vpcep.Provisioning.Validation")]
