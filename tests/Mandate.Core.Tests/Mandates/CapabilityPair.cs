using Mandate.Core.Mandates;

namespace Mandate.Core.Tests.Mandates;

/// <summary>Two generated capabilities; often the second was narrowed from the first.</summary>
public sealed record CapabilityPair(Capability A, Capability B);
