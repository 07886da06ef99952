package io.presence.replay;

/** Told how a replay advances: the records in range once they are known, then how many have been read. */
interface ReplayProgress {
    /** Reports nothing. */
    ReplayProgress NONE = new ReplayProgress() {
        @Override
        public void started(long records) {
            // nothing to show
        }

        @Override
        public void read(long records) {
            // nothing to show
        }

        @Override
        public void finished(long records) {
            // nothing to show
        }
    };

    void started(long records);

    void read(long records);

    void finished(long records);
}
