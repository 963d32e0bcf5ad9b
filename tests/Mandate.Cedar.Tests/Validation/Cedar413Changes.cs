namespace Mandate.Cedar.Tests.Validation;

/// <summary>
/// Corpus tests whose <c>shouldValidate</c> changed between Cedar 4.10 (which generated the corpus) and 4.13.
/// In each, the policy's scope matches no action's <c>appliesTo</c> ("unable to find an applicable action given
/// the policy scope constraints"), and nothing else is wrong with it. Cedar 4.10 reported that as an error;
/// 4.13 reports it as a warning (cedar-policy/cedar#2545) and accepts the policy. Measured with cedar-wasm
/// 4.13.0, which agrees with this list; also listed in docs/conformance.md.
/// </summary>
internal static class Cedar413Changes
{
    public static readonly HashSet<string> Ids = new(StringComparer.Ordinal)
    {
        "0abc1d31e56e407cf1775de09b3e9a97b2dd202b",
        "0b55d9e92dcea359a328572cdb27b41b8d600538",
        "0faf76faec0b976254309c5c828d4a11cccd9eb7",
        "14a3e412661654af32b458d1044626fddb604d58",
        "18ffbaf79ff1e3618110aa8107e0de57d6d2793c",
        "1fac75fff64288c08b67a1005ed27ce3ce7bad8b",
        "3640e57cbf2f370e545995b762f63d419395736f",
        "36ce0d10182a0d1f930224fd741149c8245ed4d1",
        "3e13f44e56b14a69c26dfd763d854cbde98ed5f4",
        "41400cdb4a0cfe0e5295a04e78ca43414cd2a4aa",
        "417c87c2b5d75ee24060847be9af33b2a7125a61",
        "471cc9cfc42b8a7ccc28578579d69cbb6a60655e",
        "4945bd08148a010c211ffabb00e21ebcfcbdc88b",
        "4bb694343cff054757360bb6bcb7f987b86a260b",
        "4c2391eb1aba60d52e6bea12a699326cfbc836d2",
        "52017e026636c59eff70268dd6df1ede79a5bcbd",
        "592507356e7a096074376f2632d4a12663e11a51",
        "5ceb8004b259ec507fc9b9dc2494a38ff37ef034",
        "5f34bb0690f73dd764d2e77bb02ca23b3d93e96d",
        "654e97153b9f78baf902198924e209b0ace7399f",
        "732d19bec666d876c40660f127824f525d8528fd",
        "902f4b32c1d326a0a473f1def29c08b8fdef91ff",
        "97b685e96cba2c4fa28203c96c69a55509870c11",
        "99cda07a31ccd75a5f64d0a401eb343e5af002fa",
        "9b78f4ab718999bb77480ebb5b8bf30999ebbb54",
        "a3057b7552c12af674c8f448086b456494d042f1",
        "adc47c033d91bb5ea9f793ce48234924676e3a65",
        "b76dc8fc97f573b63547af44b784753badc70d42",
        "c54dbee8ca6742ac5299df0cb9f1308fcc679da1",
        "c9c6ed1521c2b9608c28224de1a289207b6381cd",
        "cba8f5b1d3558f93b1ef4420e5e0fce843de9d74",
        "d79df9fb9b44cc14b1640d9bdfe2767a85535069",
        "deae4c073e620d9f93e0c24e19a44d120c2e1d04",
        "e00bc91fe981b3d1109dee35c69b6e4d0146494e",
        "edefda397789ceda19e9d403adff6192ddf267de",
    };
}
