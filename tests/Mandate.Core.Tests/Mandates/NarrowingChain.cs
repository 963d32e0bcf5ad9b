using Mandate.Core.Mandates;

namespace Mandate.Core.Tests.Mandates;

/// <summary>Three capabilities, each built as a narrowing of the one before.</summary>
public sealed record NarrowingChain(Capability Wide, Capability Middle, Capability Narrow);
