package io.tfgrpo.dataset;

import java.io.InputStream;
import java.util.List;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.tfgrpo.shared.PageView;
import tools.jackson.databind.json.JsonMapper;

/** Datasets of problems: upload, browse, delete. */
@Service
public class Datasets {

    private final DatasetRepository datasets;
    private final DatasetItemRepository items;
    private final DatasetImporter importer;
    private final JsonMapper json;
    private final ObjectProvider<DatasetUsers> users;

    Datasets(DatasetRepository datasets, DatasetItemRepository items, DatasetImporter importer, JsonMapper json,
            ObjectProvider<DatasetUsers> users) {
        this.users = users;
        this.datasets = datasets;
        this.items = items;
        this.importer = importer;
        this.json = json;
    }

    /** Stores a JSONL upload whole, or nothing at all when any line is wrong. */
    public DatasetView upload(String name, InputStream jsonl) {
        return get(importer.importJsonl(name.strip(), jsonl));
    }

    @Transactional(readOnly = true)
    public DatasetView get(UUID id) {
        return datasets.findById(id).map(Dataset::toView).orElseThrow(() -> DatasetNotFound.withId(id));
    }

    @Transactional(readOnly = true)
    public PageView<DatasetView> list(int page, int size) {
        return PageView.of(datasets.findAll(PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "createdAt"))),
                Dataset::toView);
    }

    @Transactional(readOnly = true)
    public PageView<DatasetItemView> items(UUID id, int page, int size) {
        if (!datasets.existsById(id)) {
            throw DatasetNotFound.withId(id);
        }
        return PageView.of(items.findByDatasetIdOrderByOrdinal(id, PageRequest.of(page, size)), this::toView);
    }

    /** Every problem of a dataset, in upload order (training and evaluation read the whole set). */
    @Transactional(readOnly = true)
    public List<DatasetItemView> allItems(UUID id) {
        if (!datasets.existsById(id)) {
            throw DatasetNotFound.withId(id);
        }
        return items.findByDatasetIdOrderByOrdinal(id, Pageable.unpaged()).map(this::toView).getContent();
    }

    /**
     * Deletes a dataset and its problems, unless training jobs or evaluations refer to it (409 naming them). The
     * row is locked first, so that a job or evaluation being started on it meanwhile either is seen here or waits
     * and then finds the dataset gone.
     */
    @Transactional
    public void delete(UUID id) {
        Dataset dataset = datasets.lockById(id).orElseThrow(() -> DatasetNotFound.withId(id));
        List<DatasetUsers.Use> uses = users.orderedStream().map(user -> user.of(id)).toList();
        if (uses.stream().anyMatch(use -> !use.ids().isEmpty())) {
            throw DatasetInUse.by(id, uses);
        }
        datasets.delete(dataset);
    }

    private DatasetItemView toView(DatasetItem item) {
        return new DatasetItemView(item.ordinal(), item.externalId(), item.problem(), item.answer(),
                json.readTree(item.metadata()));
    }
}
