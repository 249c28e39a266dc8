package dev.skillpath.content;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** content-service: the backend-developer roadmap as a federation v2 subgraph. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ContentServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(ContentServiceApplication.class, args);
	}

}
