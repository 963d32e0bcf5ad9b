namespace Mandate.Agents.Shell.Internal;

/// <summary>What expanding the words of one simple command revealed.</summary>
internal struct ExpandFlags
{
    /// <summary>$IFS or ${IFS…} was used to split or build words.</summary>
    public bool Ifs;

    /// <summary>A brace expansion produced more words than the bound.</summary>
    public bool BraceOverflow;

    /// <summary>A variable with a secret-looking name (…TOKEN, …SECRET…) was expanded from the environment.</summary>
    public bool SecretVariable;
}
