package dev.keepalivelab.settings;

/** A setting was given a value it does not allow, or a name that is not a setting. */
public final class InvalidSettingException extends IllegalArgumentException {
    private final String settingName;

    public InvalidSettingException(String settingName, String message) {
        super(message);
        this.settingName = settingName;
    }

    public static InvalidSettingException badValue(String settingName, String value, String allowed) {
        return new InvalidSettingException(settingName,
                "Invalid value '" + printable(value) + "' for " + settingName + ": allowed is " + allowed + ".");
    }

    /** The value as a reader can see it: control and non-ASCII characters as Java escapes, so no message spans lines. */
    public static String printable(String value) {
        StringBuilder shown = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\r' -> shown.append("\\r");
                case '\n' -> shown.append("\\n");
                case '\t' -> shown.append("\\t");
                default -> shown.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return shown.toString();
    }

    /** The name the user wrote: an init-param name or a flag. */
    public String settingName() {
        return settingName;
    }
}
