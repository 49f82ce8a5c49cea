namespace Vpcep.Emulator.Contracts;

/// <summary>A VPC as the VPC service returns it.</summary>
public sealed record VpcBody(string Id, string Name, string Cidr, string Status);

/// <summary><c>{"vpc": ...}</c>.</summary>
public sealed record VpcEnvelopeBody(VpcBody Vpc);

/// <summary>A subnet as the VPC service returns it.</summary>
public sealed record SubnetBody(string Id, string Name, string VpcId, string Cidr, string GatewayIp, string Status);

/// <summary><c>{"subnet": ...}</c>.</summary>
public sealed record SubnetEnvelopeBody(SubnetBody Subnet);
