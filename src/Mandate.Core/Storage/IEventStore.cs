namespace Mandate.Core.Storage;

public interface IEventStore
{
    /// <summary>Appends durably and returns the event's sequence number; throws if it could not be recorded.</summary>
    long Append(LifecycleEvent e);

    IReadOnlyList<LifecycleEvent> List(int limit);
}
