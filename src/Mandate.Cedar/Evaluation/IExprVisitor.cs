namespace Mandate.Cedar.Evaluation;

internal interface IExprVisitor
{
    void Visit(LiteralExpr node);

    void Visit(VariableExpr node);

    void Visit(UnaryExpr node);

    void Visit(BinaryExpr node);

    void Visit(AndExpr node);

    void Visit(OrExpr node);

    void Visit(IfExpr node);

    void Visit(GetAttrExpr node);

    void Visit(HasAttrExpr node);

    void Visit(LikeExpr node);

    void Visit(IsExpr node);

    void Visit(SetExpr node);

    void Visit(RecordExpr node);

    void Visit(ExtensionCallExpr node);
}
