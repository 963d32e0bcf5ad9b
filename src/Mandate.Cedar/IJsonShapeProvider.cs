namespace Mandate.Cedar;

/// <summary>
/// The seam between data loading and a schema: the shapes of entity attributes, tags and request contexts,
/// and the action entities (with their hierarchy) the schema declares.
/// </summary>
public interface IJsonShapeProvider
{
    /// <summary>The record shape of an entity type's attributes, or null when unknown.</summary>
    JsonShape? EntityAttributes(string entityType);

    /// <summary>The shape of an entity type's tag values, or null when unknown.</summary>
    JsonShape? EntityTags(string entityType);

    /// <summary>The record shape of the context for an action, or null when unknown.</summary>
    JsonShape? Context(EntityUid action);

    /// <summary>Action entities declared by the schema; they are added to loaded entity data.</summary>
    IEnumerable<Entity> ActionEntities { get; }
}
