package dev.keepalivelab.support;

import dev.keepalivelab.server.LabServer;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;

import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

/** A servlet's config outside any container: the lab's servlet name, these init-params, no context. */
public record StubServletConfig(Map<String, String> params) implements ServletConfig {
    @Override
    public String getServletName() {
        return LabServer.SERVLET_NAME;
    }

    @Override
    public ServletContext getServletContext() {
        return null;
    }

    @Override
    public String getInitParameter(String name) {
        return params.get(name);
    }

    @Override
    public Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(params.keySet());
    }
}
