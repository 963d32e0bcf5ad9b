using Mandate.Core.Audit;

namespace Mandate.Core.Tests.Audit;

/// <summary>
/// Reference vectors from transparency-dev/merkle (commit 417fb0c314750d94e53942e9f92e79b6d35915db):
/// rfc6962/rfc6962_test.go, testonly/constants.go, and every probe under testdata/inclusion and
/// testdata/consistency.
/// </summary>
public sealed class MerkleReferenceVectorTests
{
    // testonly/constants.go LeafInputs().
    private static readonly string[] LeafInputsHex =
        ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

    // testonly/constants.go RootHashes(): the root of every prefix of LeafInputs, size 0 to 8.
    private static readonly string[] RootHashesHex =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    // testonly/constants.go NodeHashes(): [level][index] for the complete subtrees of the 8-leaf tree.
    private static readonly string[][] NodeHashesHex =
    [
        [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
            "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
        ],
        [
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        ],
        [
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
        ["5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"],
    ];

    // testonly/constants.go CompactTrees(): the frontier of every prefix, as (level, index) into NodeHashes.
    private static readonly (int Level, int Index)[][] CompactTrees =
    [
        [], [(0, 0)], [(1, 0)], [(1, 0), (0, 2)], [(2, 0)], [(2, 0), (0, 4)], [(2, 0), (1, 2)],
        [(2, 0), (1, 2), (0, 6)], [(3, 0)],
    ];

    // Probes whose expected outcome we deliberately do not share: the reference accepts equal sizes
    // with equal but malformed (not 32-byte) roots; Mandate refuses any hash that is not 32 bytes.
    private static readonly HashSet<string> StricterThanReference = ["additional/sizes-are-equal-one-and-proof-is-empty"];

    public static TheoryData<string> InclusionProbeNames => new(MerkleInclusionProbes.All.Select(p => p.Name));

    public static TheoryData<string> ConsistencyProbeNames => new(MerkleConsistencyProbes.All.Select(p => p.Name));

    [Fact]
    public void HashLeafAndChildren_MatchRfc6962Vectors()
    {
        // rfc6962/rfc6962_test.go
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Hex(MerkleTree.EmptyRoot()));
        Assert.Equal("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", Hex(MerkleTree.HashLeaf([])));
        Assert.Equal("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56", Hex(MerkleTree.HashLeaf("L123456"u8)));
        // Interior nodes only ever join two 32-byte hashes; the testonly node hashes below cover them.
        Assert.Equal(
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            Hex(MerkleTree.HashChildren(MerkleTree.HashLeaf([]), MerkleTree.HashLeaf([0x00]))));
    }

    [Fact]
    public void RootOfEveryPrefix_MatchesTestonlyRoots()
    {
        var tree = new InMemoryMerkleTree();
        var frontier = new MerkleFrontier();
        Assert.Equal(RootHashesHex[0], Hex(frontier.RootHash()));
        for (var size = 1; size <= LeafInputsHex.Length; size++)
        {
            var input = Convert.FromHexString(LeafInputsHex[size - 1]);
            tree.AppendLeafData(input);
            frontier.AppendLeafData(input);
            Assert.Equal(RootHashesHex[size], Hex(frontier.RootHash()));
            Assert.Equal(RootHashesHex[size], Hex(tree.RootHash()));
        }

        for (var size = 0; size <= LeafInputsHex.Length; size++)
        {
            Assert.Equal(RootHashesHex[size], Hex(tree.RootHash(size)));
        }
    }

    [Fact]
    public void NodeHashesAndFrontiers_MatchTestonly()
    {
        var tree = new InMemoryMerkleTree();
        var frontier = new MerkleFrontier();
        for (var size = 1; size <= LeafInputsHex.Length; size++)
        {
            var input = Convert.FromHexString(LeafInputsHex[size - 1]);
            tree.AppendLeafData(input);
            frontier.AppendLeafData(input);
            var expected = CompactTrees[size].Select(n => NodeHashesHex[n.Level][n.Index]);
            Assert.Equal(expected, frontier.Hashes().Select(Hex));
            Assert.Equal(expected, MerkleFrontier.FromSource(size, tree).Hashes().Select(Hex));
        }

        for (var level = 0; level < NodeHashesHex.Length; level++)
        {
            for (var index = 0; index < NodeHashesHex[level].Length; index++)
            {
                Assert.Equal(NodeHashesHex[level][index], Hex(tree.GetNodeHash(level, index)));
            }
        }
    }

    [Theory]
    [MemberData(nameof(InclusionProbeNames))]
    public void InclusionProbe_HasTheReferenceOutcome(string name)
    {
        var probe = MerkleInclusionProbes.All.Single(p => p.Name == name);
        var result = MerkleProof.VerifyInclusion(
            probe.LeafIndex, probe.TreeSize, B64(probe.LeafHash), probe.Proof.Select(B64).ToArray(), B64(probe.Root));
        Assert.Equal(!probe.WantError, result.IsValid);
    }

    [Theory]
    [MemberData(nameof(ConsistencyProbeNames))]
    public void ConsistencyProbe_HasTheReferenceOutcome(string name)
    {
        var probe = MerkleConsistencyProbes.All.Single(p => p.Name == name);
        var result = MerkleProof.VerifyConsistency(
            probe.Size1, probe.Size2, probe.Proof.Select(B64).ToArray(), B64(probe.Root1), B64(probe.Root2));
        var expectValid = !probe.WantError && !StricterThanReference.Contains(name);
        Assert.Equal(expectValid, result.IsValid);
    }

    [Fact]
    public void GeneratedProofs_EqualEveryHappyPathProbeOverTestonlyLeaves()
    {
        var tree = new InMemoryMerkleTree();
        foreach (var hex in LeafInputsHex)
        {
            tree.AppendLeafData(Convert.FromHexString(hex));
        }

        var inclusion = MerkleInclusionProbes.All.Where(p => p.Name.EndsWith("/happy-path", StringComparison.Ordinal)).ToList();
        var consistency = MerkleConsistencyProbes.All.Where(p => p.Name.EndsWith("/happy-path", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, inclusion.Count);
        Assert.Equal(5, consistency.Count);
        foreach (var p in inclusion)
        {
            Assert.Equal(p.Root, B64(tree.RootHash(p.TreeSize)));
            Assert.Equal(p.Proof, tree.InclusionProof(p.LeafIndex, p.TreeSize).Select(B64));
        }

        foreach (var p in consistency)
        {
            Assert.Equal(p.Proof, tree.ConsistencyProof(p.Size1, p.Size2).Select(B64));
        }
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static byte[] B64(string text) => Convert.FromBase64String(text);

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes);
}
