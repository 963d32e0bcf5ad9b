using System.Text.Json;
using Mandate.Cedar.Evaluation;

namespace Mandate.Cedar.Json;

/// <summary>Writes policies in Cedar's JSON policy format (EST).</summary>
internal sealed class EstWriter(Utf8JsonWriter writer) : IExprVisitor
{
    public void WritePolicy(Policy policy)
    {
        writer.WriteStartObject();
        writer.WriteString("effect", policy.Effect == Effect.Permit ? "permit" : "forbid");
        WriteScope("principal", policy.Principal);
        WriteScope("action", policy.Action);
        WriteScope("resource", policy.Resource);
        writer.WritePropertyName("conditions");
        writer.WriteStartArray();
        foreach (var condition in policy.Conditions)
        {
            writer.WriteStartObject();
            writer.WriteString("kind", condition.IsWhen ? "when" : "unless");
            writer.WritePropertyName("body");
            condition.Body.Accept(this);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (policy.Annotations.Count > 0)
        {
            writer.WritePropertyName("annotations");
            writer.WriteStartObject();
            foreach (var (key, value) in policy.Annotations)
            {
                if (policy.ValuelessAnnotations.Contains(key))
                {
                    writer.WriteNull(key);
                }
                else
                {
                    writer.WriteString(key, value);
                }
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    public void Visit(LiteralExpr node)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("Value");
        CedarJsonWriter.WriteValue(writer, node.Value);
        writer.WriteEndObject();
    }

    public void Visit(VariableExpr node)
    {
        writer.WriteStartObject();
        writer.WriteString("Var", node.Variable switch
        {
            Variable.Principal => "principal",
            Variable.Action => "action",
            Variable.Resource => "resource",
            _ => "context",
        });
        writer.WriteEndObject();
    }

    public void Visit(UnaryExpr node)
    {
        Open(node.Op switch
        {
            UnaryOp.Not => "!",
            UnaryOp.Negate => "neg",
            _ => "isEmpty",
        });
        Operand("arg", node.Operand);
        Close();
    }

    public void Visit(BinaryExpr node)
    {
        Open(node.Op switch
        {
            BinaryOp.Equal => "==",
            BinaryOp.NotEqual => "!=",
            BinaryOp.Less => "<",
            BinaryOp.LessOrEqual => "<=",
            BinaryOp.Greater => ">",
            BinaryOp.GreaterOrEqual => ">=",
            BinaryOp.Add => "+",
            BinaryOp.Subtract => "-",
            BinaryOp.Multiply => "*",
            BinaryOp.In => "in",
            BinaryOp.Contains => "contains",
            BinaryOp.ContainsAll => "containsAll",
            BinaryOp.ContainsAny => "containsAny",
            BinaryOp.GetTag => "getTag",
            _ => "hasTag",
        });
        Operand("left", node.Left);
        Operand("right", node.Right);
        Close();
    }

    public void Visit(AndExpr node)
    {
        Open("&&");
        Operand("left", node.Left);
        Operand("right", node.Right);
        Close();
    }

    public void Visit(OrExpr node)
    {
        Open("||");
        Operand("left", node.Left);
        Operand("right", node.Right);
        Close();
    }

    public void Visit(IfExpr node)
    {
        Open("if-then-else");
        Operand("if", node.Condition);
        Operand("then", node.Then);
        Operand("else", node.Else);
        Close();
    }

    public void Visit(GetAttrExpr node)
    {
        Open(".");
        Operand("left", node.Target);
        writer.WriteString("attr", node.Attribute);
        Close();
    }

    public void Visit(HasAttrExpr node)
    {
        Open("has");
        Operand("left", node.Target);
        if (node.Path.Count == 1)
        {
            writer.WriteString("attr", node.Path[0]);
        }
        else
        {
            writer.WritePropertyName("attr");
            writer.WriteStartArray();
            foreach (var segment in node.Path)
            {
                writer.WriteStringValue(segment);
            }

            writer.WriteEndArray();
        }

        Close();
    }

    public void Visit(LikeExpr node)
    {
        Open("like");
        Operand("left", node.Target);
        writer.WritePropertyName("pattern");
        writer.WriteStartArray();
        foreach (var part in node.Pattern.Parts)
        {
            if (part is null)
            {
                writer.WriteStringValue("Wildcard");
            }
            else if (part.Length > 0)
            {
                writer.WriteStartObject();
                writer.WriteString("Literal", part);
                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();
        Close();
    }

    public void Visit(IsExpr node)
    {
        Open("is");
        Operand("left", node.Target);
        writer.WriteString("entity_type", node.EntityType);
        if (node.InExpr is not null)
        {
            Operand("in", node.InExpr);
        }

        Close();
    }

    public void Visit(SetExpr node)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("Set");
        writer.WriteStartArray();
        foreach (var item in node.Items)
        {
            item.Accept(this);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public void Visit(RecordExpr node)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("Record");
        writer.WriteStartObject();
        for (var i = 0; i < node.Keys.Count; i++)
        {
            writer.WritePropertyName(node.Keys[i]);
            node.Values[i].Accept(this);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public void Visit(ExtensionCallExpr node)
    {
        writer.WriteStartObject();
        writer.WritePropertyName(node.Function.Name);
        writer.WriteStartArray();
        foreach (var arg in node.Args)
        {
            arg.Accept(this);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private void WriteScope(string variable, ScopeConstraint scope)
    {
        writer.WritePropertyName(variable);
        writer.WriteStartObject();
        switch (scope.Kind)
        {
            case ScopeKind.Any:
                writer.WriteString("op", "All");
                break;
            case ScopeKind.Equal:
                writer.WriteString("op", "==");
                WriteTarget(variable, scope);
                break;
            case ScopeKind.In:
                writer.WriteString("op", "in");
                WriteTarget(variable, scope);
                break;
            case ScopeKind.Is:
                writer.WriteString("op", "is");
                writer.WriteString("entity_type", scope.EntityType);
                break;
            default:
                writer.WriteString("op", "is");
                writer.WriteString("entity_type", scope.EntityType);
                writer.WritePropertyName("in");
                writer.WriteStartObject();
                WriteTarget(variable, scope);
                writer.WriteEndObject();
                break;
        }

        writer.WriteEndObject();
    }

    private void WriteTarget(string variable, ScopeConstraint scope)
    {
        if (scope.IsSlot)
        {
            writer.WriteString("slot", "?" + variable);
        }
        else if (scope.IsList)
        {
            writer.WritePropertyName("entities");
            writer.WriteStartArray();
            foreach (var uid in scope.Entities)
            {
                CedarJsonWriter.WriteUid(writer, uid);
            }

            writer.WriteEndArray();
        }
        else
        {
            writer.WritePropertyName("entity");
            CedarJsonWriter.WriteUid(writer, scope.Entities[0]);
        }
    }

    private void Open(string op)
    {
        writer.WriteStartObject();
        writer.WritePropertyName(op);
        writer.WriteStartObject();
    }

    private void Operand(string name, Expr expr)
    {
        writer.WritePropertyName(name);
        expr.Accept(this);
    }

    private void Close()
    {
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
