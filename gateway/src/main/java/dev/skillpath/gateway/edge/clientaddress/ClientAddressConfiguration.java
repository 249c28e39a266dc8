package dev.skillpath.gateway.edge.clientaddress;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClientAddressConfiguration {

	@Bean
	ClientAddressResolver clientAddressResolver(ClientAddressProperties properties) {
		return new ClientAddressResolver(properties);
	}

}
