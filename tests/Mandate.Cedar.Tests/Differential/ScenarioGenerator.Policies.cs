using System.Text;

namespace Mandate.Cedar.Tests.Differential;

internal sealed partial class ScenarioGenerator
{
    private const int ConditionDepth = 4;

    /// <summary>A template: <c>?principal</c> and/or <c>?resource</c> in its scope (<c>==</c>, <c>in</c>, <c>is … in</c>).</summary>
    private (string Text, bool PrincipalSlot, bool ResourceSlot) Template()
    {
        var which = _r.Next(3);
        var (principalSlot, resourceSlot) = (which != 1, which != 0);
        return (Policy(principalSlot, resourceSlot, clauses: _r.Chance(0.5) ? 0 : _r.Next(3)), principalSlot, resourceSlot);
    }

    private string Policy(bool principalSlot = false, bool resourceSlot = false, int? clauses = null)
    {
        var text = new StringBuilder();
        if (_r.Chance(0.1))
        {
            text.Append(_r.Chance(0.5) ? "@id(\"p\")\n" : "@advice\n");
        }

        text.Append(_r.Chance(0.6) ? "permit" : "forbid")
            .Append("(\n  ").Append(principalSlot ? Slot("principal") : PrincipalOrResource("principal", Vocabulary.PrincipalTypes))
            .Append(",\n  ").Append(ActionScope())
            .Append(",\n  ").Append(resourceSlot ? Slot("resource") : PrincipalOrResource("resource", Vocabulary.ResourceTypes))
            .Append("\n)");
        for (var i = clauses ?? _r.Next(3); i > 0; i--)
        {
            text.Append(_r.Chance(0.75) ? " when { " : " unless { ").Append(Gen(Kind.Bool, ConditionDepth).Text).Append(" }");
        }

        return text.Append(';').ToString();
    }

    /// <summary>Every scope form: none, <c>==</c>, <c>in</c>, <c>is</c>, <c>is … in</c>.</summary>
    private string PrincipalOrResource(string variable, string[] types)
    {
        var uid = _r.Chance(0.85) ? PickUid(types) : AnyUid();
        return _r.Next(8) switch
        {
            0 or 1 or 2 => variable,
            3 => variable + " == " + UidText(uid),
            4 or 5 => variable + " in " + UidText(uid),
            6 => variable + " is " + (_r.Chance(0.8) ? uid.Type : _r.Pick(Vocabulary.AllTypes)),
            _ => variable + " is " + (_r.Chance(0.8) ? uid.Type : _r.Pick(Vocabulary.AllTypes)) + " in " + UidText(uid),
        };
    }

    private string Slot(string variable) => _r.Next(3) switch
    {
        0 => variable + " == ?" + variable,
        1 => variable + " in ?" + variable,
        _ => variable + " is " + _r.Pick(variable == "principal" ? Vocabulary.PrincipalTypes : Vocabulary.ResourceTypes) + " in ?" + variable,
    };

    /// <summary>None, <c>==</c>, <c>in</c> an action or action group, <c>in [...]</c>.</summary>
    private string ActionScope()
    {
        var names = Vocabulary.Actions.Concat(Vocabulary.ActionGroups).ToList();
        string Action() => "Action::" + Quote(_r.Pick(names));
        return _r.Next(6) switch
        {
            0 or 1 => "action",
            2 => "action == " + Action(),
            3 => "action in " + Action(),
            _ => "action in [" + string.Join(", ", Enumerable.Range(0, _r.Next(4)).Select(_ => Action())) + "]",
        };
    }
}
