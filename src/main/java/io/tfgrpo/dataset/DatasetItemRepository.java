package io.tfgrpo.dataset;

import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface DatasetItemRepository extends JpaRepository<DatasetItem, DatasetItem.Key> {

    Page<DatasetItem> findByDatasetIdOrderByOrdinal(UUID datasetId, Pageable pageable);
}
