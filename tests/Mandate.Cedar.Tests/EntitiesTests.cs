namespace Mandate.Cedar.Tests;

public sealed class EntitiesTests
{
    [Fact]
    public void SharedEntityObjects_KeepEachStoresOwnHierarchy()
    {
        var alice = new Entity(new EntityUid("User", "alice"), parents: [new EntityUid("Group", "a")]);
        var withGroups = Entities.Create([alice, new Entity(new EntityUid("Group", "a"), parents: [new EntityUid("Group", "top")])]);
        var aliceOnly = Entities.Create([alice]);

        Assert.True(withGroups.IsDescendantOf(alice.Uid, new EntityUid("Group", "top")));
        Assert.False(aliceOnly.IsDescendantOf(alice.Uid, new EntityUid("Group", "top")));
        Assert.True(aliceOnly.IsDescendantOf(alice.Uid, new EntityUid("Group", "a")));
    }

    [Fact]
    public void With_AddsEntitiesAndRecomputesTheHierarchy()
    {
        var store = Entities.Create([new Entity(new EntityUid("User", "alice"), parents: [new EntityUid("Group", "a")])]);
        var more = store.With([new Entity(new EntityUid("Group", "a"), parents: [new EntityUid("Group", "top")])]);
        Assert.False(store.IsDescendantOf(new EntityUid("User", "alice"), new EntityUid("Group", "top")));
        Assert.True(more.IsDescendantOf(new EntityUid("User", "alice"), new EntityUid("Group", "top")));
    }
}
