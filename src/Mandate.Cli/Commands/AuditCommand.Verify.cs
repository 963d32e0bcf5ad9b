using System.CommandLine;
using System.Text.Json.Nodes;
using Mandate.Core.Audit;
using Mandate.Core.Errors;

namespace Mandate.Cli.Commands;

internal static partial class AuditCommand
{
    private static readonly Option<string?> CheckpointFile = new("--checkpoint") { Description = "Also prove that the log extends this checkpoint, exported earlier (detects rollback and a rewritten tail)." };
    private static readonly Argument<long> ProofSeq = new("seq") { Description = "The record to prove." };
    private static readonly Option<long?> TreeSize = new("--tree-size") { Description = "Prove inclusion in the tree of this size [default: the whole log]." };

    private static Command CreateVerify()
    {
        var verify = new Command("verify", "Recompute every leaf and the tree, check every checkpoint; exit 1 naming the first bad seq.") { CheckpointFile };
        verify.SetHandler(Verify);
        return verify;
    }

    private static Command CreateCheckpoint()
    {
        var checkpoint = new Command("checkpoint", "Sign a checkpoint of the log now and print it (C2SP tlog-checkpoint signed note).");
        checkpoint.SetHandler(Checkpoint);
        return checkpoint;
    }

    private static Command CreateProof()
    {
        var proof = new Command("proof", "Print an RFC 9162 inclusion proof of one record, as JSON.") { ProofSeq, TreeSize };
        proof.SetHandler(Proof);
        return proof;
    }

    private static int Verify(ParseResult parse, CliContext ctx)
    {
        if (ctx.Settings.Error is { } error)
        {
            return ctx.Output.Fail(error);
        }

        string? exported = null;
        if (parse.GetValue(CheckpointFile) is { } path)
        {
            try
            {
                exported = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return ctx.Output.Fail(new MandateError(ErrorCodes.InputUnreadable, $"Cannot read the checkpoint {path}: {e.GetType().Name}.", "Pass the file written from 'mandate audit checkpoint'."));
            }
        }

        var result = new AuditVerifier(ctx.Store.Audit).Verify(exported);
        if (!result.Intact)
        {
            var at = result.BadSeq is { } seq ? $" at seq {seq}" : "";
            return ctx.Output.Fail(new MandateError(ErrorCodes.AuditTampered, $"The audit log is NOT intact{at}: {result.Problem}.", "Treat the log as tampered: keep a copy of mandate.db and your exported checkpoints for investigation."));
        }

        var root = Convert.ToHexStringLower(result.RootHash);
        if (ctx.Output.Json)
        {
            ctx.Output.Out.WriteLine(new JsonObject { ["intact"] = true, ["records"] = result.Records, ["checkpoints"] = result.CheckpointsChecked, ["root_hash"] = root }.ToJsonString());
        }
        else
        {
            ctx.Output.Out.WriteLine($"intact: {result.Records} records, {result.CheckpointsChecked} checkpoints verified{(exported is null ? "" : ", extends the given checkpoint")}, root {root}");
        }

        return ExitCodes.Success;
    }

    private static int Checkpoint(ParseResult parse, CliContext ctx)
    {
        if (ctx.Settings.Error is { } error)
        {
            return ctx.Output.Fail(error);
        }

        var note = ctx.Store.Audit.CreateCheckpoint();
        if (ctx.Output.Json)
        {
            ctx.Output.Out.WriteLine(new JsonObject { ["checkpoint"] = note, ["verifier_key"] = ctx.Store.Audit.VerifierKey.ToString() }.ToJsonString());
        }
        else
        {
            ctx.Output.Out.Write(note);
        }

        return ExitCodes.Success;
    }

    private static int Proof(ParseResult parse, CliContext ctx)
    {
        if (ctx.Settings.Error is { } error)
        {
            return ctx.Output.Fail(error);
        }

        var log = ctx.Store.Audit;
        var seq = parse.GetValue(ProofSeq);
        var size = parse.GetValue(TreeSize) ?? log.Size;
        var record = log.Get(seq);
        if (record is null || size > log.Size || seq > size || seq < 1)
        {
            return ctx.Output.Fail(new MandateError(
                ErrorCodes.AuditRecordNotFound,
                $"Cannot prove record {seq} in a tree of {size}: the log has {log.Size} records.",
                "Pick a seq from 'mandate audit list' and a --tree-size between it and the log's size."));
        }

        var proof = MerkleProof.Inclusion(seq - 1, size, log.Nodes);
        var root = MerkleFrontier.FromSource(size, log.Nodes).RootHash();
        var output = new JsonObject
        {
            ["seq"] = seq,
            ["leaf_index"] = seq - 1,
            ["tree_size"] = size,
            ["leaf_hash"] = Convert.ToHexStringLower(record.LeafHash),
            ["root_hash"] = Convert.ToHexStringLower(root),
            ["proof"] = new JsonArray([.. proof.Select(h => (JsonNode?)Convert.ToHexStringLower(h))]),
            ["algorithm"] = "RFC 9162 inclusion proof, SHA-256, leaf = SHA-256(0x00 || JCS record)",
        };
        var checkpoint = log.Checkpoints().FirstOrDefault(c => c.TreeSize == size);
        if (checkpoint is not null)
        {
            output["checkpoint"] = checkpoint.Note;
        }

        ctx.Output.Out.WriteLine(ctx.Output.Json ? output.ToJsonString() : Pretty(output));
        return ExitCodes.Success;
    }
}
