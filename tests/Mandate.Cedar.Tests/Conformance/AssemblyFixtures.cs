using Mandate.Cedar.Tests.Conformance;

[assembly: AssemblyFixture(typeof(CorpusFixture))]
