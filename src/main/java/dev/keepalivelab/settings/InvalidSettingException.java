package dev.keepalivelab.settings;

/** A setting was given a value it does not allow, or a name that is not a setting. */
public final class InvalidSettingException extends IllegalArgumentException {
    private final String settingName;

    public InvalidSettingException(String settingName, String message) {
        super(message);
        this.settingName = settingName;
    }

    static InvalidSettingException badValue(String settingName, String value, String allowed) {
        return new InvalidSettingException(settingName,
                "Invalid value '" + value + "' for " + settingName + ": allowed is " + allowed + ".");
    }

    /** The name the user wrote: an init-param name or a flag. */
    public String settingName() {
        return settingName;
    }
}
