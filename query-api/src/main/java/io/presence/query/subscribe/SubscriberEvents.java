package io.presence.query.subscribe;

/** What a subscriber reports about itself: to the registry (to be forgotten) and to the metrics. */
interface SubscriberEvents {
    void dropped(Subscriber subscriber, String reason);

    void gone(Subscriber subscriber);

    /** Events went to the client; duplicates (resumed events the feed also delivered) were skipped. */
    void written(int sent, int skipped);
}
