package io.tfgrpo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TrainingFreeGrpoApplication {

    public static void main(String[] args) {
        SpringApplication.run(TrainingFreeGrpoApplication.class, args);
    }
}
