package io.seckill.inventory;

import org.apache.ibatis.annotations.Mapper;
import org.mybatis.spring.annotation.MapperScan;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

// annotationClass = Mapper: MyBatis must not scan the TCC action interfaces and proxy them as mappers.
@SpringBootApplication
@EnableScheduling // the ledger gauge refreshes on a schedule
@MapperScan(basePackages = "io.seckill.inventory", annotationClass = Mapper.class)
public class InventoryServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(InventoryServiceApplication.class, args);
    }
}
