package io.presence.user;

import org.jspecify.annotations.Nullable;

/** The contract's rule for user ids: 1 to 128 characters from {@code A-Z a-z 0-9 _ . : @ -}. */
public final class UserIds {
    public static final int MAX_LENGTH = 128;

    private UserIds() {}

    public static boolean isValid(@Nullable String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < candidate.length(); i++) {
            if (!isAllowed(candidate.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether these UTF-8 bytes spell a valid id: the answer {@code isValid(new String(utf8, UTF_8))} gives, without
     * decoding. Valid ids are ASCII, so any other byte makes them invalid either way.
     */
    public static boolean isValid(byte[] utf8) {
        if (utf8.length == 0 || utf8.length > MAX_LENGTH) {
            return false;
        }
        for (byte b : utf8) {
            if (b < 0 || !isAllowed((char) b)) {
                return false;
            }
        }
        return true;
    }

    /** Returns the id, or throws an {@link InvalidUserIdException} that says what is wrong with it. */
    public static String requireValid(@Nullable String candidate) {
        if (!isValid(candidate)) {
            throw new InvalidUserIdException(describe(candidate));
        }
        return candidate;
    }

    /** Says what is wrong with an invalid id, in words a caller can act on. */
    public static String describe(@Nullable String candidate) {
        if (candidate == null || candidate.isEmpty()) {
            return "A user id is empty; ids are 1 to " + MAX_LENGTH + " characters from A-Z a-z 0-9 _ . : @ -";
        }
        if (candidate.length() > MAX_LENGTH) {
            return "A user id has " + candidate.length() + " characters; at most " + MAX_LENGTH + " are allowed";
        }
        return "User id " + quoteSafely(candidate) + " has a character outside A-Z a-z 0-9 _ . : @ -";
    }

    private static boolean isAllowed(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '_'
                || c == '.'
                || c == ':'
                || c == '@'
                || c == '-';
    }

    /** Echoes at most 40 printable ASCII characters back, so a detail never carries control characters. */
    private static String quoteSafely(String candidate) {
        StringBuilder out = new StringBuilder("'");
        candidate
                .codePoints()
                .limit(40)
                .forEach(cp -> out.append(cp >= 0x20 && cp < 0x7f ? Character.toString(cp) : "?"));
        if (candidate.length() > 40) {
            out.append("...");
        }
        return out.append('\'').toString();
    }
}
