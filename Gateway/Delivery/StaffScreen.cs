namespace StoriBoard.Gateway.Delivery;

/// <summary>
/// What a supporter's screen must hold whenever it may have missed pushes (a new connection, or a silo that died with
/// their inbox): the offers still open for them and, for a supervisor, the open red flags and the floor (which they then follow). Clients take repeats as no change.
/// </summary>
public static class StaffScreen
{
    public static async Task<IReadOnlyList<ClientEvent>> Current(IGrainFactory grains, Participant staff)
    {
        var events = (await grains.GetGrain<ISupporterGrain>(staff.Id).OpenOffers()).Select(ClientEvent.Offer).ToList();
        if (staff.Role == Role.Supervisor)
        {
            events.AddRange((await grains.GetGrain<IRedFlagBoardGrain>(0).Open()).Select(ClientEvent.RedFlag));
            events.Add(ClientEvent.Floor(await grains.GetGrain<IFloorGrain>(0).Watch(staff.Id)));
        }

        return events;
    }
}
